// Certificates for TLS tests, made at run time with the `openssl` command in a test's temporary
// directory: a test CA, a server certificate for 127.0.0.1 and localhost signed by it, a client
// certificate (for mutual TLS) with a chosen common name, and a second, unrelated CA that trusts
// none of them. Nothing is checked in, so nothing expires.
//
// Usage:
//   TempDir dir;
//   std::optional<TestCerts> certs = TestCerts::Make(dir.File("certs"));
//   ASSERT_TRUE(certs) << "openssl failed";
//   ... "--tls-cert", certs->server_cert, "--tls-key", certs->server_key ...
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <system_error>

namespace tocflow::testing {

// Paths of PEM files in one directory.
struct TestCerts {
  std::string ca_cert;      // the test CA (give to clients as --tls-ca, to tocflowd as
                            // --tls-client-ca)
  std::string server_cert;  // SAN IP:127.0.0.1, DNS:localhost; CN localhost
  std::string server_key;
  std::string client_cert;  // CN = the `client_cn` given to Make
  std::string client_key;
  std::string other_ca_cert;  // a CA that signed none of the above

  // Makes every file under `dir` (created when missing). nullopt when openssl fails; its
  // output is then in `dir`/openssl.log.
  static std::optional<TestCerts> Make(const std::string& dir,
                                       const std::string& client_cn = "pas.rxx.nhs.uk") {
    std::error_code ignored;
    std::filesystem::create_directories(dir, ignored);
    const std::string d = Quote(dir);
    const std::string log = " >>" + Quote(dir + "/openssl.log") + " 2>&1";
    const std::string ec = " -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
    std::ofstream(dir + "/server.ext")
        << "basicConstraints=CA:FALSE\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n"
           "extendedKeyUsage=serverAuth\n";
    std::ofstream(dir + "/client.ext")
        << "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n";
    const std::string ca_ext =
        " -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign";
    const std::string commands[] = {
        "openssl req -x509" + ec + " -days 2 -subj '/CN=tocflow test CA'" + ca_ext + " -keyout " +
            d + "/ca.key -out " + d + "/ca.pem",
        "openssl req -x509" + ec + " -days 2 -subj '/CN=unrelated test CA'" + ca_ext + " -keyout " +
            d + "/other-ca.key -out " + d + "/other-ca.pem",
        "openssl req" + ec + " -subj '/CN=localhost' -keyout " + d + "/server.key -out " + d +
            "/server.csr",
        "openssl x509 -req -days 2 -in " + d + "/server.csr -CA " + d + "/ca.pem -CAkey " + d +
            "/ca.key -set_serial 1001 -extfile " + d + "/server.ext -out " + d + "/server.pem",
        "openssl req" + ec + " -subj " + Quote("/CN=" + client_cn) + " -keyout " + d +
            "/client.key -out " + d + "/client.csr",
        "openssl x509 -req -days 2 -in " + d + "/client.csr -CA " + d + "/ca.pem -CAkey " + d +
            "/ca.key -set_serial 1002 -extfile " + d + "/client.ext -out " + d + "/client.pem",
    };
    for (const std::string& command : commands) {
      if (std::system((command + log).c_str()) != 0) return std::nullopt;
    }
    TestCerts certs;
    certs.ca_cert = dir + "/ca.pem";
    certs.server_cert = dir + "/server.pem";
    certs.server_key = dir + "/server.key";
    certs.client_cert = dir + "/client.pem";
    certs.client_key = dir + "/client.key";
    certs.other_ca_cert = dir + "/other-ca.pem";
    return certs;
  }

  // The whole content of a file ("" when it cannot be read).
  static std::string Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }

  // A principals file line for a bearer token, its hash made as README "Security" says
  // (`printf %s TOKEN | sha256sum`): "token:<hex> NAME ROLE SCOPES". "" when sha256sum fails.
  static std::string TokenLine(const std::string& token, const std::string& name,
                               const std::string& role, const std::string& scopes = "") {
    FILE* pipe = popen(("printf %s " + Quote(token) + " | sha256sum").c_str(), "r");
    if (pipe == nullptr) return "";
    char hex[65] = {};
    const size_t got = fread(hex, 1, 64, pipe);
    pclose(pipe);
    if (got != 64) return "";
    return "token:" + std::string(hex) + " " + name + " " + role +
           (scopes.empty() ? "" : " " + scopes);
  }

 private:
  // `text` in single quotes for sh.
  static std::string Quote(const std::string& text) {
    std::string quoted = "'";
    for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
  }
};

}  // namespace tocflow::testing
