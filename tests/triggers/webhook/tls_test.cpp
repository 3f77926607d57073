// The HTTPS listener, with a certificate made by the openssl CLI.
#include "server_fixture.hpp"

#include <cstdio>
#include <filesystem>

namespace hookflow::triggers::webhook::testing {
namespace {

// Runs a shell command; returns its stdout (stderr goes to the test log).
std::string shell(const std::string& command) {
  std::string out;
  if (FILE* p = popen(command.c_str(), "r")) {
    char buf[4096];
    while (auto n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    pclose(p);
  }
  return out;
}

class WebhookTls : public server_fixture {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/hookflow-webhook-tls-XXXXXX";
    ASSERT_TRUE(mkdtemp(pattern));
    dir_ = pattern;
    shell(
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost "
        "-addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout " +
        dir_ + "/key.pem -out " + dir_ + "/cert.pem 2>/dev/null");
    settings_.tls_cert_file = dir_ + "/cert.pem";
    settings_.tls_key_file = dir_ + "/key.pem";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string curl(const std::string& scheme, const std::string& extra = "") {
    return shell("curl -s -o /dev/null -w '%{http_code}' --max-time 10 " + extra +
                 " -X POST -H 'Content-Type: application/json' "
                 "-d '{\"title\":\"tls\"}' '" +
                 scheme + "://127.0.0.1:" + std::to_string(port()) + path_ + "'");
  }
  std::string dir_;
};

TEST_F(WebhookTls, ServesHttpsWithTheConfiguredCertificate) {
  start();
  EXPECT_EQ(curl("https", "--cacert " + dir_ + "/cert.pem"), "202");
  ASSERT_EQ(host_.submits().size(), 1u);
  EXPECT_EQ(host_.submits()[0].trigger_data.at("body").at("title"), "tls");
  EXPECT_EQ(curl("https"), "000");  // an untrusted certificate: the client refuses
  EXPECT_EQ(curl("http"), "000");   // plain HTTP on the TLS port gets no HTTP answer
  EXPECT_EQ(host_.submits().size(), 1u);
}

TEST_F(WebhookTls, RefusesToStartWithAnUnreadableCertificate) {
  settings_.tls_cert_file = dir_ + "/missing.pem";
  webhook_trigger trigger(settings_, host_);
  auto st = trigger.start();
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("/tls_cert_file"), std::string::npos) << st.message();
}

}  // namespace
}  // namespace hookflow::triggers::webhook::testing
