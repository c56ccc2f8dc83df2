// How cases, case lists, histories and alerts are shown to people.
#pragma once

#include <ostream>

#include "tocflow/v1/alerts.pb.h"
#include "tocflow/v1/cases.pb.h"

namespace tocflow::cli {

// Identity, states, key facts, open deadlines, parties and the valid next events.
void PrintCase(const tocflow::v1::Case& c, std::ostream& out);
// One line per case.
void PrintCaseList(const tocflow::v1::ListCasesResponse& list, std::ostream& out);
// One line per event: version, time, actor, event and its fields.
void PrintHistory(const tocflow::v1::GetHistoryResponse& history, std::ostream& out);
// One line per alert.
void PrintAlerts(const tocflow::v1::ListAlertsResponse& alerts, std::ostream& out);
// One alert as one line (for `alerts watch`).
std::string AlertLine(const tocflow::v1::Alert& alert);
// "pathway_agreed pathway=1" from an Event.
std::string EventSummary(const tocflow::v1::Event& event);
// "stay=ReadyForDischarge notices=NoNotice ...".
std::string StatesLine(const google::protobuf::RepeatedPtrField<tocflow::v1::RegionState>& s);

}  // namespace tocflow::cli
