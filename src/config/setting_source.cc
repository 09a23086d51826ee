#include "config/setting_source.h"

namespace salesflow {

std::string SettingSource::ToString() const {
  switch (kind) {
    case Kind::kDefault:
      return "default";
    case Kind::kFile:
      return "file " + detail;
    case Kind::kEnvironment:
      return "env " + detail;
    case Kind::kFlag:
      return "flag " + detail;
  }
  return "unknown";
}

}  // namespace salesflow
