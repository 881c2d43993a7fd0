"""Results are encoded by orjson, as JSON text any client reads (portal.graphql_app)."""

import json

from portal.graphql_app import JenjangGraphQL


def test_encoded_results_read_back_as_they_were() -> None:
    # no state is needed: an instance without its set-up
    encode = JenjangGraphQL.__new__(JenjangGraphQL).encode_json
    data = {"data": {"name": "Siti Nur’aini, S.Kep.", "nip": "198001012006042001", "n": 1.5}}
    text = encode(data)
    assert isinstance(text, str)  # WebSocket frames must be text
    assert json.loads(text) == data
    huge = {"data": {"big": 2**70, "list": [None, True]}}  # beyond orjson's 64 bits
    assert json.loads(encode(huge)) == huge
