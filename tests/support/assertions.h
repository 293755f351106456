// Small assertions shared by tests.
#pragma once

#include <string>

#include <gtest/gtest.h>

namespace lodestar::testing {

// Runs `work`, which must throw E, and returns the exception's message ("" and a test failure
// when it does not throw).
template <typename E, typename Work>
std::string message_of(Work&& work) {
  try {
    work();
  } catch (const E& error) {
    return error.what();
  }
  ADD_FAILURE() << "expected an exception";
  return {};
}

inline ::testing::AssertionResult contains(const std::string& text, const std::string& part) {
  if (text.find(part) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "'" << text << "' does not contain '" << part << "'";
}

}  // namespace lodestar::testing
