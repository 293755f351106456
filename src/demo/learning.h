// The demo's professional learning: the district's continuum levels and catalog (a 2+1 offering,
// a seven-session standards suite, the school leadership teams' planning cohort, coaches' weekly
// PD), registrations, attendance and certificates; coaches' caseloads and logs; the Teacher
// Leader Network. Loaded once by `lodestar demo` after load_planning().
#pragma once

#include "platform/store/database.h"

namespace lodestar::demo {

// Loads every part below in one transaction unless the catalog holds an offering already.
// Returns whether it loaded anything. REQUIRES: load() has run.
bool load_learning(store::Database& db);

// The parts, each in its own file, called by load_learning() in this order.
void load_learning_catalog(store::Tx& tx);   // learning_catalog.cc
void load_learning_coaching(store::Tx& tx);  // learning_coaching.cc
void load_learning_network(store::Tx& tx);   // learning_network.cc

}  // namespace lodestar::demo
