// Runs graphql-http's GraphQL-over-HTTP server audits against the URL given as the argument
// and prints one JSON line: [{id, name, status, reason}].
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
const results = [];
for (const audit of serverAudits({ url })) {
  const result = await audit.fn();
  results.push({ id: audit.id, name: audit.name, status: result.status, reason: result.reason });
}
console.log(JSON.stringify(results));
