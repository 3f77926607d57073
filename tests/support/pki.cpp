#include "support/pki.hpp"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace hookflow::testing {
namespace {

void run(const std::string& command) {
  if (std::system(command.c_str()) != 0) throw std::runtime_error("command failed: " + command);
}

}  // namespace

void make_ca(const std::filesystem::path& dir, const std::string& name) {
  run(std::string(HOOKFLOW_OPENSSL) + " req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2" +
      " -subj '/CN=" + name + "' -keyout " + (dir / (name + ".key")).string() + " -out " +
      (dir / (name + ".pem")).string() + " 2>/dev/null");
}

void make_leaf(const std::filesystem::path& dir, const std::string& ca, const std::string& name,
               const std::string& san) {
  auto ext = dir / (name + ".ext");
  std::ofstream(ext) << "subjectAltName=" << san << "\n";
  auto stem = (dir / name).string();
  run(std::string(HOOKFLOW_OPENSSL) + " req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj '/CN=" +
      name + "' -keyout " + stem + ".key -out " + stem + ".csr 2>/dev/null");
  run(std::string(HOOKFLOW_OPENSSL) + " x509 -req -days 2 -in " + stem + ".csr -CA " + (dir / (ca + ".pem")).string() +
      " -CAkey " + (dir / (ca + ".key")).string() + " -CAcreateserial -extfile " + ext.string() + " -out " + stem +
      ".pem 2>/dev/null");
}

}  // namespace hookflow::testing
