// Alerts POSTed to a webhook: a cpp-httplib server on 127.0.0.1 stands for the receiver.
#include "server/alert_webhook.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "server/fixture_dataset.h"

namespace salesflow {
namespace {

// A receiver that records bodies and answers with a settable status.
class Receiver {
 public:
  Receiver() {
    server_.Post("/hooks/alerts", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> lock(mu_);
      bodies_.push_back(req.body);
      content_types_.push_back(req.get_header_value("Content-Type"));
      res.status = status_.load();
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ~Receiver() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return fmt::format("http://127.0.0.1:{}/hooks/alerts", port_); }
  std::vector<std::string> bodies() {
    std::lock_guard<std::mutex> lock(mu_);
    return bodies_;
  }
  std::vector<std::string> content_types() {
    std::lock_guard<std::mutex> lock(mu_);
    return content_types_;
  }
  void set_status(int status) { status_.store(status); }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::vector<std::string> bodies_;
  std::vector<std::string> content_types_;
  std::atomic<int> status_{204};
};

class AlertWebhookTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto zone = TimeZone::Find("Europe/Paris");
    ASSERT_TRUE(zone.ok());
    zone_ = *zone;
    sales_ = ReferenceFixtureSales();
    source_.Publish(AggregateFixtureSales(sales_, zone_, 1));
    // 20.00: in the newest hour, the 18:45 bucket holds two sales totalling 50.00.
    options_.rules.sale_amount_above = 2000;
    options_.url = receiver_.url();
  }
  std::unique_ptr<AlertWebhook> Make() {
    auto webhook = AlertWebhook::Create(source_, options_);
    EXPECT_TRUE(webhook.ok()) << webhook.status().ToString();
    return webhook.ok() ? std::move(webhook).value() : nullptr;
  }

  TimeZone zone_;
  std::vector<FixtureSale> sales_;
  InMemoryDashboardSource source_;
  Receiver receiver_;
  AlertWebhookOptions options_;
};

TEST_F(AlertWebhookTest, RefusesUrlsItCannotPostTo) {
  for (const char* url : {"", "ftp://example.org/x", "127.0.0.1:80/x", "http://"}) {
    options_.url = url;
    EXPECT_EQ(AlertWebhook::Create(source_, options_).status().code(), StatusCode::kInvalidArgument)
        << url;
  }
}

TEST_F(AlertWebhookTest, PostsEachAlertOnceAsJson) {
  auto webhook = Make();
  ASSERT_TRUE(webhook);
  auto sent = webhook->NotifyOnce();
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  EXPECT_EQ(*sent, 1);
  ASSERT_EQ(receiver_.bodies().size(), 1u);
  EXPECT_EQ(receiver_.bodies()[0],
            R"({"source":"salesflow-dashboard","alerts":[{"rule":"sale_amount_above",)"
            R"("minute":"2024-12-17T18:45","chiffre_affaires":"25.00","reference":"20.00"}]})");
  EXPECT_EQ(receiver_.content_types()[0], "application/json");
  // Nothing new: nothing sent.
  sent = webhook->NotifyOnce();
  ASSERT_TRUE(sent.ok());
  EXPECT_EQ(*sent, 0);
  EXPECT_EQ(receiver_.bodies().size(), 1u);
  // A new sale of 100.00 at 18:46: only it is sent.
  sales_.push_back(ReferenceLiveSale(1));
  source_.Publish(AggregateFixtureSales(sales_, zone_, 2));
  sent = webhook->NotifyOnce();
  ASSERT_TRUE(sent.ok());
  EXPECT_EQ(*sent, 1);
  ASSERT_EQ(receiver_.bodies().size(), 2u);
  EXPECT_NE(
      receiver_.bodies()[1].find(R"("minute":"2024-12-17T18:46","chiffre_affaires":"100.00")"),
      std::string::npos)
      << receiver_.bodies()[1];
  EXPECT_EQ(receiver_.bodies()[1].find("18:45"), std::string::npos);
}

TEST_F(AlertWebhookTest, AFailedPostIsRetriedWithTheSameAlerts) {
  receiver_.set_status(503);
  auto webhook = Make();
  ASSERT_TRUE(webhook);
  auto sent = webhook->NotifyOnce();
  EXPECT_EQ(sent.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(sent.status().ToString().find("HTTP 503"), std::string::npos);
  receiver_.set_status(200);
  sent = webhook->NotifyOnce();
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  EXPECT_EQ(*sent, 1);
  ASSERT_EQ(receiver_.bodies().size(), 2u);
  EXPECT_EQ(receiver_.bodies()[0], receiver_.bodies()[1]);
  // An unreachable receiver is an error too, not a hang.
  options_.url = "http://127.0.0.1:1/x";
  options_.timeout = std::chrono::milliseconds(500);
  auto nobody = Make();
  ASSERT_TRUE(nobody);
  EXPECT_FALSE(nobody->NotifyOnce().ok());
}

TEST_F(AlertWebhookTest, TheThreadPostsAfterEachPublish) {
  auto webhook = Make();
  ASSERT_TRUE(webhook);
  webhook->Start();
  auto wait_for = [&](size_t n) {
    for (int i = 0; i < 150 && receiver_.bodies().size() < n; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return receiver_.bodies().size();
  };
  EXPECT_EQ(wait_for(1), 1u);
  sales_.push_back(ReferenceLiveSale(1));
  source_.Publish(AggregateFixtureSales(sales_, zone_, 2));
  EXPECT_EQ(wait_for(2), 2u);
  webhook->Stop();
}

}  // namespace
}  // namespace salesflow
