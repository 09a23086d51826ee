#include "event/rejection.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace salesflow {
namespace {

TEST(RejectionTest, ReasonNamesAreDistinctSnakeCase) {
  std::set<std::string> names;
  for (int i = 0; i < kRejectReasonCount; ++i) {
    const std::string name(RejectReasonName(static_cast<RejectReason>(i)));
    EXPECT_NE(name, "unknown") << i;
    EXPECT_EQ(name.find_first_not_of("abcdefghijklmnopqrstuvwxyz_0123456789"), std::string::npos);
    names.insert(name);
  }
  EXPECT_EQ(names.size(), static_cast<size_t>(kRejectReasonCount));
  EXPECT_EQ(RejectReasonName(static_cast<RejectReason>(kRejectReasonCount)), "unknown");
}

TEST(RejectionTest, StatusText) {
  Rejection with_field{RejectReason::kSubCentAmount, "montant", "12.345 has a fraction of a cent"};
  EXPECT_EQ(with_field.ToStatus().ToString(),
            "InvalidArgument: sub_cent_amount at montant: 12.345 has a fraction of a cent");
  Rejection whole{RejectReason::kTooLarge, "", "message is 70000 bytes, limit 65536"};
  EXPECT_EQ(whole.ToStatus().message(), "too_large: message is 70000 bytes, limit 65536");
}

}  // namespace
}  // namespace salesflow
