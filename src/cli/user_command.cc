#include "cli/user_command.h"

#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <memory>
#include <string>

#include "server/user_store.h"

namespace salesflow {
namespace {

// Restores the terminal's echo when the prompt is done, however it ends.
class EchoOff {
 public:
  EchoOff() {
    if (tcgetattr(STDIN_FILENO, &saved_) == 0) {
      termios quiet = saved_;
      quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
      active_ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
  }
  ~EchoOff() {
    if (active_) tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;

 private:
  termios saved_{};
  bool active_ = false;
};

Result<std::string> ReadPassword(CommandContext& ctx) {
  std::string password;
  if (!isatty(STDIN_FILENO)) {
    if (!std::getline(std::cin, password)) {
      return InvalidArgument("no password on standard input");
    }
    if (!password.empty() && password.back() == '\r') password.pop_back();
    return password;
  }
  std::string again;
  {
    EchoOff quiet;
    ctx.err() << "Password: " << std::flush;
    std::getline(std::cin, password);
    ctx.err() << "\nPassword again: " << std::flush;
    std::getline(std::cin, again);
    ctx.err() << "\n";
  }
  if (password != again) return InvalidArgument("the two passwords differ");
  return password;
}

}  // namespace

void RegisterUserCommand(CLI::App& app, CommandContext& ctx) {
  CLI::App* group = app.add_subcommand("user", "manage dashboard users");
  group->require_subcommand(1);
  Command& add = ctx.AddCommand(*group, "add",
                                "add or replace a dashboard user (password from stdin or prompt)");
  add.Use("dashboard.users_file");
  auto name = std::make_shared<std::string>();
  add.app().add_option("NAME", *name, "user name: letters, digits, '.', '_', '-'")->required();
  add.Run([name, &ctx](const Config& config) -> Status {
    SF_RETURN_IF_ERROR(ValidateUserName(*name));
    SF_ASSIGN_OR_RETURN(auto path, config.TablePath("dashboard.users_file"));
    SF_ASSIGN_OR_RETURN(UserStore users, UserStore::Load(path));
    SF_ASSIGN_OR_RETURN(std::string password, ReadPassword(ctx));
    SF_RETURN_IF_ERROR(users.Set(*name, password, InteractivePasswordCost()));
    SF_RETURN_IF_ERROR(users.Save());
    ctx.out() << "user '" << *name << "' saved in " << path.string() << " (" << users.size()
              << " user" << (users.size() == 1 ? "" : "s") << ")\n";
    return Status::Ok();
  });
}

}  // namespace salesflow
