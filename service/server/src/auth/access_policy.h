// What each role may do: the checks every RPC makes once the caller is known. Pure functions
// over the principal and the case's organisation columns, so they are tested without a server.
//
// Errors are PERMISSION_DENIED with a message naming the role, the principal and what is out of
// reach (never patient details).
#pragma once

#include <string>

#include "absl/status/status.h"
#include "principal.h"
#include "store/filters.h"

namespace tocflow::server::auth {

// Reading a case (GetCase, GetHistory) or an alert on it (AckAlert).
absl::Status MayRead(const Principal& who, const CaseScope& scope);
// Recording an event or assignment on a case.
absl::Status MayRecord(const Principal& who, const CaseScope& scope);
// Opening a case at this provider and ward.
absl::Status MayOpen(const Principal& who, const CaseScope& scope);
// Reports (figures only).
absl::Status MayReport(const Principal& who);
// True when report lines must leave out spell and case identifiers (analysts).
bool WithoutIdentifiers(const Principal& who);
// Whether a report's line about one case (its provider and local authority; a line has no ward
// nor ICB) may be shown: to admins, to discharge teams and hospital systems of its provider (any
// ward), to social care of its LA; never to analysts or CHC (whose scope, the ICB, a line lacks).
bool MaySeeReportLine(const Principal& who, const std::string& provider_ods,
                      const std::string& local_authority);

// Narrows a case list filter to the principal's scope: a principal limited to one organisation
// gets it added to the filter; one limited to several must name one in the filter.
// PERMISSION_DENIED when the filter names an organisation out of scope or does not pick one of
// several, or the role may not list cases.
absl::Status NarrowCaseFilter(const Principal& who, store::CaseFilter& filter);
// The same for alert filters (WatchAlerts, ListAlerts).
absl::Status NarrowAlertFilter(const Principal& who, store::AlertFilter& filter);

}  // namespace tocflow::server::auth
