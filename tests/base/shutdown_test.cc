#include "base/shutdown.h"

#include <gtest/gtest.h>
#include <poll.h>

#include <csignal>
#include <thread>

namespace salesflow {
namespace {

using std::chrono::milliseconds;

bool FdReadable(int fd) {
  pollfd p{.fd = fd, .events = POLLIN, .revents = 0};
  return poll(&p, 1, 0) == 1 && (p.revents & POLLIN) != 0;
}

class ShutdownTest : public ::testing::Test {
 protected:
  void SetUp() override { ResetStopForTesting(); }
  void TearDown() override { ResetStopForTesting(); }
};

TEST_F(ShutdownTest, NoStopUntilRequested) {
  EXPECT_FALSE(StopRequested());
  EXPECT_FALSE(FdReadable(StopFd()));
  auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(WaitForStop(milliseconds(50)));
  EXPECT_GE(std::chrono::steady_clock::now() - start, milliseconds(50));
}

TEST_F(ShutdownTest, RequestStopWakesEveryWaiter) {
  RequestStop();
  EXPECT_TRUE(StopRequested());
  EXPECT_TRUE(WaitForStop(milliseconds(0)));
  // The fd stays readable for every poller: nobody consumes the request.
  EXPECT_TRUE(FdReadable(StopFd()));
  EXPECT_TRUE(FdReadable(StopFd()));
  ResetStopForTesting();
  EXPECT_FALSE(StopRequested());
  EXPECT_FALSE(FdReadable(StopFd()));
}

TEST_F(ShutdownTest, WaiterInAnotherThreadWakesPromptly) {
  bool woke = false;
  auto start = std::chrono::steady_clock::now();
  std::thread waiter([&] { woke = WaitForStop(milliseconds(10000)); });
  std::this_thread::sleep_for(milliseconds(20));
  RequestStop();
  waiter.join();
  EXPECT_TRUE(woke);
  EXPECT_LT(std::chrono::steady_clock::now() - start, milliseconds(5000));
}

TEST_F(ShutdownTest, SigtermAndSigintRequestStop) {
  ASSERT_TRUE(InstallShutdownHandlers().ok());
  ASSERT_TRUE(InstallShutdownHandlers().ok());  // idempotent
  ASSERT_EQ(std::raise(SIGTERM), 0);
  EXPECT_TRUE(StopRequested());
  EXPECT_TRUE(FdReadable(StopFd()));
  ResetStopForTesting();
  ASSERT_EQ(std::raise(SIGINT), 0);
  EXPECT_TRUE(StopRequested());
  EXPECT_TRUE(WaitForStop(milliseconds(0)));
}

TEST_F(ShutdownTest, SecondSignalKillsTheProcess) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        ResetStopForTesting();
        if (!InstallShutdownHandlers().ok()) std::_Exit(3);
        std::raise(SIGINT);
        if (!StopRequested()) std::_Exit(4);
        std::raise(SIGINT);
        std::_Exit(5);  // not reached: the second SIGINT takes the default action
      },
      ::testing::KilledBySignal(SIGINT), "");
}

}  // namespace
}  // namespace salesflow
