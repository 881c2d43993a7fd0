// GraphiQL from the vendored files.
(function () {
  "use strict";
  var url = window.location.origin + "/graphql";
  var fetcher = GraphiQL.createFetcher({ url: url });
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultEditorToolsVisibility: true,
      defaultHeaders: '{"Authorization": "Bearer <access_token from POST /auth/token>"}',
    })
  );
})();
