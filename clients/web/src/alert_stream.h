// GET /api/alerts/stream: the alerts for a role or team as Server-Sent Events, fed by one
// tocflowd WatchAlerts stream per browser connection.
//  - Query parameters as ParseAlertFilter, and access_token (sent on as `Bearer TOKEN`, since
//    EventSource cannot set an Authorization header); where to start: the Last-Event-ID header
//    (sent by the browser's EventSource when it reconnects), else `after=CURSOR`, else "from now".
//  - Events: `ready` once tocflowd has registered the watch (data {"after": cursor or null});
//    `alert` with `id: CURSOR` and the Alert as JSON; `error` (data ErrorJson) when tocflowd
//    refuses the watch for good (bad filter, permission), after which the stream ends.
//  - When tocflowd is unreachable, restarts or ends the watch (UNAVAILABLE, RESOURCE_EXHAUSTED)
//    it reconnects with backoff and resumes after the last cursor sent, so nothing is missed or
//    repeated; a comment line every few seconds keeps the connection open.
#pragma once

#include <httplib.h>

#include "tocflow_api.h"

namespace tocflow::web {

// Starts the stream on `response`. Each stream holds one HTTP worker thread and one watcher
// thread until the browser goes away.
void ServeAlertStream(const httplib::Request& request, httplib::Response& response,
                      TocflowApi& api);

}  // namespace tocflow::web
