#include "parquet/column_statistics.h"

#include <cmath>
#include <cstring>

namespace salesflow::parquet {

StatisticsAccumulator::StatisticsAccumulator(const Field& field) : type_(field.physical) {
  bool decimal = field.logical && field.logical->kind == LogicalType::Kind::kDecimal;
  bool unsigned_int = (field.logical && field.logical->kind == LogicalType::Kind::kInteger &&
                       !field.logical->is_signed);
  switch (type_) {
    case Type::kBoolean:
    case Type::kFloat:
    case Type::kDouble:
      order_ = Order::kSigned;
      break;
    case Type::kInt32:
    case Type::kInt64:
      order_ = unsigned_int ? Order::kNone : Order::kSigned;
      break;
    case Type::kByteArray:
    case Type::kFixedLenByteArray:
      order_ = decimal ? Order::kSignedBytes : Order::kUnsignedBytes;
      break;
    case Type::kInt96:
      order_ = Order::kNone;
      break;
  }
}

void StatisticsAccumulator::UpdateBool(bool v) {
  int64_t x = v ? 1 : 0;
  if (!has_) {
    imin_ = imax_ = x;
    has_ = true;
    return;
  }
  imin_ = std::min(imin_, x);
  imax_ = std::max(imax_, x);
}

template <typename T>
static void MinMax(const T* v, int64_t n, bool* has, int64_t* mn, int64_t* mx) {
  if (n == 0) return;
  T lo = v[0], hi = v[0];
  for (int64_t i = 1; i < n; ++i) {
    lo = v[i] < lo ? v[i] : lo;
    hi = v[i] > hi ? v[i] : hi;
  }
  if (!*has) {
    *mn = lo;
    *mx = hi;
    *has = true;
  } else {
    *mn = std::min<int64_t>(*mn, lo);
    *mx = std::max<int64_t>(*mx, hi);
  }
}

void StatisticsAccumulator::UpdateInt32(const int32_t* v, int64_t n) {
  MinMax(v, n, &has_, &imin_, &imax_);
}

void StatisticsAccumulator::UpdateInt64(const int64_t* v, int64_t n) {
  MinMax(v, n, &has_, &imin_, &imax_);
}

template <typename T>
static void FloatMinMax(const T* v, int64_t n, bool* has, double* mn, double* mx) {
  for (int64_t i = 0; i < n; ++i) {
    double x = v[i];
    if (std::isnan(x)) continue;  // NaN never bounds (parquet-format column order rules)
    if (!*has) {
      *mn = *mx = x;
      *has = true;
      continue;
    }
    if (x < *mn || (x == 0 && *mn == 0 && std::signbit(x))) *mn = x;
    if (x > *mx || (x == 0 && *mx == 0 && !std::signbit(x))) *mx = x;
  }
}

void StatisticsAccumulator::UpdateFloat(const float* v, int64_t n) {
  FloatMinMax(v, n, &has_, &dmin_, &dmax_);
}

void StatisticsAccumulator::UpdateDouble(const double* v, int64_t n) {
  FloatMinMax(v, n, &has_, &dmin_, &dmax_);
}

bool StatisticsAccumulator::LessBytes(std::string_view a, std::string_view b) const {
  if (order_ == Order::kSignedBytes && !a.empty() && !b.empty()) {
    // Big-endian two's complement of equal width: the sign byte compares signed.
    if (a.size() == b.size()) {
      auto sa = static_cast<int8_t>(a[0]), sb = static_cast<int8_t>(b[0]);
      if (sa != sb) return sa < sb;
      return a.substr(1) < b.substr(1);
    }
  }
  return a < b;  // char_traits<char> compares as unsigned char
}

void StatisticsAccumulator::UpdateBinary(std::string_view v) {
  if (!has_) {
    smin_.assign(v);
    smax_.assign(v);
    has_ = true;
    return;
  }
  if (LessBytes(v, smin_)) smin_.assign(v);
  if (LessBytes(smax_, v)) smax_.assign(v);
}

void StatisticsAccumulator::Merge(const StatisticsAccumulator& o) {
  nulls_ += o.nulls_;
  values_ += o.values_;
  if (!o.has_) return;
  if (!has_) {
    has_ = true;
    imin_ = o.imin_;
    imax_ = o.imax_;
    dmin_ = o.dmin_;
    dmax_ = o.dmax_;
    smin_ = o.smin_;
    smax_ = o.smax_;
    return;
  }
  switch (type_) {
    case Type::kFloat:
    case Type::kDouble: {
      double mn[1] = {o.dmin_}, mx[1] = {o.dmax_};
      FloatMinMax(mn, 1, &has_, &dmin_, &dmax_);
      FloatMinMax(mx, 1, &has_, &dmin_, &dmax_);
      break;
    }
    case Type::kByteArray:
    case Type::kFixedLenByteArray:
      UpdateBinary(o.smin_);
      UpdateBinary(o.smax_);
      break;
    default:
      imin_ = std::min(imin_, o.imin_);
      imax_ = std::max(imax_, o.imax_);
  }
}

void StatisticsAccumulator::Reset() {
  nulls_ = values_ = 0;
  has_ = false;
  smin_.clear();
  smax_.clear();
}

namespace {

template <typename T>
std::string Plain(T v) {
  std::string s(sizeof(T), '\0');
  std::memcpy(s.data(), &v, sizeof(T));
  return s;
}

}  // namespace

Statistics StatisticsAccumulator::ToThrift() const {
  Statistics s;
  s.null_count = nulls_;
  if (!has_ || order_ == Order::kNone) return s;
  std::string mn, mx;
  switch (type_) {
    case Type::kBoolean:
      mn = std::string(1, static_cast<char>(imin_));
      mx = std::string(1, static_cast<char>(imax_));
      break;
    case Type::kInt32:
      mn = Plain(static_cast<int32_t>(imin_));
      mx = Plain(static_cast<int32_t>(imax_));
      break;
    case Type::kInt64:
      mn = Plain(imin_);
      mx = Plain(imax_);
      break;
    case Type::kFloat:
      mn = Plain(static_cast<float>(dmin_));
      mx = Plain(static_cast<float>(dmax_));
      break;
    case Type::kDouble:
      mn = Plain(dmin_);
      mx = Plain(dmax_);
      break;
    default:
      mn = smin_;
      mx = smax_;
  }
  if (order_ != Order::kUnsignedBytes) {
    s.min = mn;
    s.max = mx;
  }
  s.min_value = std::move(mn);
  s.max_value = std::move(mx);
  return s;
}

ColumnStatistics StatisticsAccumulator::ToColumnStatistics(const LeafColumn& leaf) const {
  ColumnStatistics c;
  c.path = leaf.path;
  c.field = leaf.field;
  c.num_values = values_;
  c.null_count = nulls_;
  if (!has_ || order_ == Order::kNone) return c;
  switch (type_) {
    case Type::kBoolean:
      c.min = imin_ != 0;
      c.max = imax_ != 0;
      break;
    case Type::kInt32:
      c.min = static_cast<int32_t>(imin_);
      c.max = static_cast<int32_t>(imax_);
      break;
    case Type::kInt64:
      c.min = imin_;
      c.max = imax_;
      break;
    case Type::kFloat:
      c.min = static_cast<float>(dmin_);
      c.max = static_cast<float>(dmax_);
      break;
    case Type::kDouble:
      c.min = dmin_;
      c.max = dmax_;
      break;
    default:
      c.min = smin_;
      c.max = smax_;
  }
  return c;
}

}  // namespace salesflow::parquet
