// What the RPC handlers share: the command engine, the read connections, the clock, the
// reference data and the authenticator. Owned by the Server; outlives every handler.
#pragma once

#include <functional>
#include <memory>

#include "auth/authenticator.h"
#include "engine/clock.h"
#include "engine/command_engine.h"
#include "reader_pool.h"
#include "work_queue.h"
#include "workflow/alert_rules.h"
#include "workflow/reference_data.h"

namespace tocflow::server {

struct ServiceDeps {
  engine::CommandEngine* engine = nullptr;
  ReaderPool* readers = nullptr;
  const engine::Clock* clock = nullptr;
  std::shared_ptr<const workflow::ReferenceData> reference;
  // Default parties by role and scope (deadline owners nobody is assigned to); never null.
  std::shared_ptr<const workflow::TeamDirectory> teams =
      std::make_shared<const workflow::TeamDirectory>();
  // Runs reads that follow a command off the writer thread.
  WorkQueue* work = nullptr;
  // Called after every applied command (wakes the scheduler: the command may have set a
  // deadline). Quick; may run on the writer thread.
  std::function<void()> command_applied;
  // Who is calling; never null (authentication off: everyone is the local admin).
  const auth::Authenticator* authenticator = nullptr;
};

}  // namespace tocflow::server
