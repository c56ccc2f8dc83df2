// What the page needs to build a form for each event type, read from tocflow.v1.Event's
// descriptors (protobuf reflection), so the page never restates the API's fields. Pure.
#pragma once

#include <nlohmann/json.hpp>

namespace tocflow::web {

// {"events": [{"name": "pathway_agreed", "fields": [{"name": "pathway", "path":
// ["pathway"], "type": "enum", "values": ["PATHWAY_0", ...]}]}, ...]}, in the Event oneof's
// order. Field types: "string", "bool", "int", "enum" (values exclude UNSPECIFIED), "date"
// (tocflow.v1.Date, sent as {"year","month","day"}), "timestamp" (RFC 3339). Nested message
// fields are expanded: "scores.mobility" has path ["scores", "mobility"]. deadline_elapsed is
// left out: only tocflowd's scheduler records it.
nlohmann::json EventSchema();

}  // namespace tocflow::web
