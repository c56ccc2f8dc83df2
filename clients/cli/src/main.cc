// tocflow: the command-line client of tocflowd for discharge teams and CHC coordinators.
// Exit codes: 0 ok, 1 refused by the server, 2 usage error, 3 server unreachable.
#include <cstdlib>
#include <iostream>
#include <optional>

#include "commands.h"
#include "context.h"

int main(int argc, char** argv) {
  using namespace tocflow::cli;
  CliState state;
  if (const char* server = std::getenv("TOCFLOW_SERVER"); server != nullptr && *server != '\0') {
    state.global.server = server;
  }
  CLI::App app{
      "tocflow: track hospital discharge cases with tocflowd.\n"
      "Exit codes: 0 ok, 1 refused by the server, 2 usage error, 3 server unreachable."};
  app.name("tocflow");
  app.require_subcommand(1);
  AddGlobalOptions(&app, state);
  AddCaseCommands(app, state);
  AddEventCommand(app, state);
  AddAlertCommands(app, state);
  AddReportCommands(app, state);
  AddImportCommand(app, state);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "tocflow: " << e.what() << " (see tocflow --help)\n";
    return kExitUsage;
  }
  if (!state.action) return UsageError("no command given (see tocflow --help)");
  if (std::optional<int> bad = ResolveSecurity(state.global)) return *bad;
  try {
    return state.action();
  } catch (const std::exception& e) {
    std::cerr << "tocflow: " << e.what() << "\n";
    return kExitRejected;
  }
}
