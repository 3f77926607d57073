#include "outbox.hpp"

#include <hookflow/sdk/random.hpp>

#include <fcntl.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <ctime>

namespace hookflow::actions::email {
namespace {

namespace json = boost::json;

std::string file_stem() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
  unsigned char raw[8];
  if (!hookflow::sdk::buffered_random_bytes(raw, sizeof raw)) throw std::runtime_error("getrandom failed");
  std::string out = std::string(stamp) + "-";
  static constexpr char digits[] = "0123456789abcdef";
  for (auto b : raw) (out += digits[b >> 4]) += digits[b & 15];
  return out;
}

// Writes all of `data` to a new file and syncs it; returns errno (0 on success).
int write_new_file(const std::filesystem::path& path, const std::string& data) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) return errno;
  std::size_t done = 0;
  int err = 0;
  while (done < data.size() && err == 0) {
    auto n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno != EINTR) err = errno;
    if (n > 0) done += static_cast<std::size_t>(n);
  }
  if (err == 0 && ::fsync(fd) != 0) err = errno;
  if (::close(fd) != 0 && err == 0) err = errno;
  return err;
}

}  // namespace

outbox_transport::outbox_transport(std::filesystem::path dir) : dir_(std::move(dir)) {
  std::filesystem::create_directories(dir_);
}

sdk::result<json::object> outbox_transport::deliver(const composed_message& message,
                                                    std::chrono::steady_clock::time_point) {
  auto stem = file_stem();
  auto final_path = dir_ / (stem + ".eml");
  auto temp_path = dir_ / ("." + stem + ".tmp");
  std::error_code ec;
  if (int err = write_new_file(temp_path, message.data); err != 0) {
    std::filesystem::remove(temp_path, ec);
    return sdk::unavailable("cannot write to the outbox " + dir_.string() + ": " + std::strerror(err));
  }
  std::filesystem::rename(temp_path, final_path, ec);
  if (ec) {
    auto reason = ec.message();
    std::filesystem::remove(temp_path, ec);
    return sdk::unavailable("cannot write to the outbox " + dir_.string() + ": " + reason);
  }
  json::array accepted;
  for (const auto& r : message.recipients) accepted.emplace_back(r);
  return json::object{
      {"message_id", message.message_id}, {"accepted", std::move(accepted)}, {"file", final_path.string()}};
}

}  // namespace hookflow::actions::email
