#include "server/static_assets.h"

namespace salesflow {

const StaticAsset* FindStaticAsset(std::string_view path) {
  if (path == "/") path = "/index.html";
  for (const StaticAsset* a = StaticAssetsBegin(); a != StaticAssetsEnd(); ++a) {
    if (a->path == path) return a;
  }
  return nullptr;
}

}  // namespace salesflow
