#include "cli/token_command.h"

#include <memory>
#include <string>

#include "server/token_store.h"

namespace salesflow {

void RegisterTokenCommand(CLI::App& app, CommandContext& ctx) {
  CLI::App* group = app.add_subcommand("token", "manage dashboard API tokens");
  group->require_subcommand(1);
  Command& create = ctx.AddCommand(*group, "create", "create an API bearer token (shown once)");
  create.Use("dashboard.tokens_file");
  auto label = std::make_shared<std::string>("api");
  create.app().add_option("--label", *label, "what the token is for (kept beside its hash)");
  create.Run([label, &ctx](const Config& config) -> Status {
    SF_ASSIGN_OR_RETURN(auto path, config.TablePath("dashboard.tokens_file"));
    SF_ASSIGN_OR_RETURN(TokenStore tokens, TokenStore::Load(path));
    SF_ASSIGN_OR_RETURN(std::string token, tokens.Create(*label));
    SF_RETURN_IF_ERROR(tokens.Save());
    ctx.out() << token << "\n";
    ctx.err() << "token '" << *label << "' saved (hash only) in " << path.string()
              << "; send it as 'Authorization: Bearer <token>'\n";
    return Status::Ok();
  });
}

}  // namespace salesflow
