// The command groups of `tocflow`, each registered on the root command.
#pragma once

#include <CLI/CLI.hpp>

#include "context.h"

namespace tocflow::cli {

// case open|show|list|history, and assign.
void AddCaseCommands(CLI::App& app, CliState& state);
// event <type> <case> --field value...
void AddEventCommand(CLI::App& app, CliState& state);
// alerts watch|list|ack.
void AddAlertCommands(CLI::App& app, CliState& state);
// report dtoc|drd|chc|reimbursement.
void AddReportCommands(CLI::App& app, CliState& state);
// import FILE.csv.
void AddImportCommand(CLI::App& app, CliState& state);

}  // namespace tocflow::cli
