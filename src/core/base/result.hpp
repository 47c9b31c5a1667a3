#pragma once
// Result<T>: a value or an Error, with std::expected's names (has_value, value, error) so it can
// become std::expected under C++23. TRY(expr) returns the error early or yields the value.
//
//   Result<Money> parse_amount(std::string_view text);
//   Money m = TRY(parse_amount(cell));
//
// Accessing value() of an error (or error() of a value) is a bug: PW_CHECK throws.

#include <optional>
#include <utility>
#include <variant>

#include "core/base/check.hpp"
#include "core/base/error.hpp"

namespace pitwall::core {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::in_place_index<0>, std::move(value)) {}      // NOLINT: implicit
  Result(Error error) : data_(std::in_place_index<1>, std::move(error)) {}  // NOLINT: implicit

  bool has_value() const { return data_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & {
    PW_CHECK(has_value(), "value() of an error Result");
    return std::get<0>(data_);
  }
  const T& value() const& {
    PW_CHECK(has_value(), "value() of an error Result");
    return std::get<0>(data_);
  }
  T&& value() && {
    PW_CHECK(has_value(), "value() of an error Result");
    return std::get<0>(std::move(data_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  Error& error() & {
    PW_CHECK(!has_value(), "error() of a value Result");
    return std::get<1>(data_);
  }
  const Error& error() const& {
    PW_CHECK(!has_value(), "error() of a value Result");
    return std::get<1>(data_);
  }
  Error&& error() && {
    PW_CHECK(!has_value(), "error() of a value Result");
    return std::get<1>(std::move(data_));
  }

  T release_value() { return std::move(*this).value(); }
  Error release_error() { return std::move(*this).error(); }

 private:
  std::variant<T, Error> data_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT: implicit

  bool has_value() const { return !error_.has_value(); }
  explicit operator bool() const { return has_value(); }
  void value() const { PW_CHECK(has_value(), "value() of an error Result"); }
  Error& error() & {
    PW_CHECK(!has_value(), "error() of a value Result");
    return *error_;
  }
  const Error& error() const& {
    PW_CHECK(!has_value(), "error() of a value Result");
    return *error_;
  }
  Error release_error() { return std::move(*error_); }
  void release_value() const { value(); }

 private:
  std::optional<Error> error_;
};

using Status = Result<void>;

}  // namespace pitwall::core

// Returns the error of `expr` from the enclosing function, or yields its value.
#define TRY(expr)                                       \
  __extension__({                                       \
    auto _pw_try_result = (expr);                       \
    if (!_pw_try_result.has_value()) {                  \
      return std::move(_pw_try_result).release_error(); \
    }                                                   \
    std::move(_pw_try_result).release_value();          \
  })
