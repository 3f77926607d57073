#include "admin_token.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <hookflow/sdk/random.hpp>

#include <fstream>
#include <stdexcept>

namespace hookflow::engine::host {

std::string load_or_create_admin_token(const std::filesystem::path& file) {
  if (std::ifstream in(file); in) {
    std::string token;
    std::getline(in, token);
    if (token.size() >= 32) return token;
    throw std::runtime_error(file.string() + " holds no valid token (delete it to create a new one)");
  }
  unsigned char bytes[32];
  if (!hookflow::sdk::random_bytes(bytes, sizeof bytes)) throw std::runtime_error("getrandom failed");
  static constexpr char hex[] = "0123456789abcdef";
  std::string token;
  for (auto b : bytes) {
    token += hex[b >> 4];
    token += hex[b & 15];
  }
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) throw std::runtime_error("cannot create " + file.string());
  auto line = token + "\n";
  bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  ::close(fd);
  if (!ok) throw std::runtime_error("cannot write " + file.string());
  return token;
}

}  // namespace hookflow::engine::host
