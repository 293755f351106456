// A test suite that shares one app, on the run's database, with the demo district loaded: for
// tests of what each demo role may see and do.
#pragma once

#include <gtest/gtest.h>

#include "demo/demo.h"
#include "support/test_server.h"

namespace lodestar::testing {

class DemoSuite : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    app_ = new TestApp();
    demo::load(app_->app().db());
  }
  static void TearDownTestSuite() {
    delete app_;
    app_ = nullptr;
  }

  static inline TestApp* app_ = nullptr;
};

}  // namespace lodestar::testing
