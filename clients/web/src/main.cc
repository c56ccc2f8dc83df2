// tocflow-web: serves the discharge hub's page (board, case view, alerts, charts) and the JSON
// API behind it, answered by calling tocflowd. Loopback only unless told otherwise.
#include <httplib.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>
#include <thread>

#include "cli/channel_security.h"
#include "routes.h"
#include "tocflow_api.h"

int main(int argc, char** argv) {
  std::string listen = "127.0.0.1:8080";
  std::string server = "127.0.0.1:50051";
  std::string static_dir = TOCFLOW_WEB_STATIC_DIR;
  CLI::App app{"tocflow-web: the discharge hub's board, alerts and charts in a browser"};
  app.add_option("--listen", listen, "HOST:PORT to serve on (port 0 picks a free one)")
      ->capture_default_str();
  app.add_option("--server", server, "tocflowd address")->capture_default_str();
  app.add_option("--static-dir", static_dir, "Folder of the page's files")->capture_default_str();
  // No token of its own: each browser's token is passed through, so tocflowd applies its roles.
  tocflow::cli::ChannelSecurity security;
  app.add_option("--tls-ca", security.tls_ca,
                 "connect to tocflowd with TLS, verifying it against this PEM CA file");
  app.add_option("--tls-cert", security.tls_cert,
                 "PEM client certificate for mutual TLS with tocflowd (with --tls-key)");
  app.add_option("--tls-key", security.tls_key, "PEM private key of --tls-cert");
  app.add_option("--tls-server-name", security.tls_server_name,
                 "the name tocflowd's certificate must carry, when not the --server host");
  CLI11_PARSE(app, argc, argv);
  auto channel = tocflow::cli::OpenSecureChannel(server, security);
  if (!channel.ok()) {
    std::cerr << "tocflow-web: " << channel.status().message() << "\n";
    return 2;
  }

  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) {
    std::cerr << "tocflow-web: --listen must be HOST:PORT, got \"" << listen << "\"\n";
    return 2;
  }
  const std::string host = listen.substr(0, colon);
  int port = 0;
  try {
    port = std::stoi(listen.substr(colon + 1));
  } catch (const std::exception&) {
    std::cerr << "tocflow-web: bad port in --listen \"" << listen << "\"\n";
    return 2;
  }

  // SIGINT/SIGTERM are taken by a thread that stops the server (no work in a signal handler).
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  tocflow::web::TocflowApi api(server, *std::move(channel));
  httplib::Server http;
  // Each live alert stream holds a worker thread: allow several screens at once.
  http.new_task_queue = [] { return new httplib::ThreadPool(48); };
  if (!http.set_mount_point("/", static_dir)) {
    std::cerr << "tocflow-web: no page files in " << static_dir << "\n";
    return 1;
  }
  tocflow::web::RegisterRoutes(http, api);

  const int bound =
      port == 0 ? http.bind_to_any_port(host) : (http.bind_to_port(host, port) ? port : -1);
  if (bound <= 0) {
    std::cerr << "tocflow-web: cannot listen on " << listen << "\n";
    return 1;
  }
  std::cout << "tocflow-web: serving on http://" << host << ":" << bound << "/ (tocflowd at "
            << server << (security.tls() ? " over TLS" : "") << "); Ctrl-C stops it" << std::endl;

  std::thread stopper([&http, signals] {
    int signal = 0;
    sigwait(&signals, &signal);
    http.stop();
  });
  stopper.detach();
  http.listen_after_bind();
  std::cout << "tocflow-web: stopped" << std::endl;
  return 0;
}
