// The Track implementation for a Boost.MSM front-end, and the building blocks the transition
// tables share. Include only from the track translation units (they build as C++17).
#pragma once

#include <algorithm>
#include <array>
#include <boost/mpl/contains.hpp>
#include <boost/mpl/for_each.hpp>
#include <boost/mpl/size.hpp>
#include <boost/msm/back/metafunctions.hpp>
#include <boost/msm/back/state_machine.hpp>
#include <boost/msm/front/euml/operator.hpp>
#include <boost/msm/front/functor_row.hpp>
#include <boost/msm/front/state_machine_def.hpp>
#include <exception>
#include <string>
#include <type_traits>
#include <utility>

#include "machines/effects_builder.h"
#include "machines/track.h"

namespace workflow {
namespace machines {

namespace msm = boost::msm;
namespace mpl = boost::mpl;
using msm::front::ActionSequence_;
using msm::front::none;
using msm::front::Row;
using msm::front::euml::And_;
using msm::front::euml::Not_;
using msm::front::euml::Or_;

// Flag on the states that end the case (death, cancelled admission).
struct CaseClosedFlag {};

// Base of every track front-end: the context pointer, and no silent drops.
template <class Derived>
struct TrackFront : msm::front::state_machine_def<Derived> {
  TrackContext* ctx = nullptr;

  // An event with no row: the Track reports kNoRow, and the journey turns it into an error.
  template <class Fsm, class Event>
  void no_transition(const Event&, Fsm&, int) {}
  // An action threw: remember it; the journey reports INTERNAL and keeps the old state.
  template <class Fsm, class Event>
  void exception_caught(const Event&, Fsm&, std::exception& e) {
    failure = e.what();
  }
  std::string failure;
};

// --- Actions and guards shared by every table -------------------------------------------------

// Action: raise the alert of kind K.
template <AlertKind K>
struct Raise {
  template <class Event, class Fsm, class Source, class Target>
  void operator()(const Event&, Fsm& fsm, Source&, Target&) const {
    RaiseAlert(*fsm.ctx, K);
  }
};

// Action: set (or reset) the deadline of kind K.
template <DeadlineKind K>
struct Schedule {
  template <class Event, class Fsm, class Source, class Target>
  void operator()(const Event&, Fsm& fsm, Source&, Target&) const {
    SetDeadline(*fsm.ctx, K);
  }
};

// Action: cancel the pending deadline of kind K.
template <DeadlineKind K>
struct Cancel {
  template <class Event, class Fsm, class Source, class Target>
  void operator()(const Event&, Fsm& fsm, Source&, Target&) const {
    CancelDeadline(*fsm.ctx, K);
  }
};

// Guard: the elapsed deadline is of kind K.
template <DeadlineKind K>
struct Elapsed {
  template <class Fsm, class Source, class Target>
  bool operator()(const DeadlineElapsed& e, Fsm&, Source&, Target&) const {
    return e.kind == K;
  }
};

// Action calling a plain function `void F(const Event&, TrackContext&)`.
template <auto F>
struct Do {
  template <class Event, class Fsm, class Source, class Target>
  void operator()(const Event& e, Fsm& fsm, Source&, Target&) const {
    F(e, *fsm.ctx);
  }
};

// Guard calling a plain predicate `bool F(const Event&, TrackContext&)`.
template <auto F>
struct If {
  template <class Event, class Fsm, class Source, class Target>
  bool operator()(const Event& e, Fsm& fsm, Source&, Target&) const {
    return F(e, *fsm.ctx);
  }
};

// A sequence of actions, in order.
template <class... Actions>
using Seq = ActionSequence_<mpl::vector<Actions...>>;

// --- The Track over a Boost.MSM back-end --------------------------------------------------------

template <class Front>
class MsmTrack final : public Track {
  using Machine = msm::back::state_machine<Front>;
  using Table = typename Front::transition_table;
  using Stt = typename Machine::stt;
  using States = typename msm::back::generate_state_set<Stt>::type;
  using Events = typename msm::back::generate_event_set<Stt>::type;
  static constexpr int kStateCount = mpl::size<States>::value;
  static constexpr int kRegions = Machine::nr_regions::value;

 public:
  MsmTrack() { machine_.start(); }

  std::unique_ptr<Track> Clone() const override { return std::make_unique<MsmTrack>(*this); }

  TrackAnswer Offer(const EventPayload& payload, TrackContext& ctx) override {
    return std::visit(
        [&](const auto& event) {
          using E = std::decay_t<decltype(event)>;
          if constexpr (mpl::contains<Events, E>::value) {
            machine_.ctx = &ctx;
            machine_.failure.clear();
            const auto handled = machine_.process_event(event);
            machine_.ctx = nullptr;
            if (!machine_.failure.empty()) {
              ctx.refusals.push_back(machine_.failure);
              return TrackAnswer::kFailed;
            }
            if (handled & msm::back::HANDLED_TRUE) return TrackAnswer::kHandled;
            if (handled & msm::back::HANDLED_GUARD_REJECT) return TrackAnswer::kRefused;
            return TrackAnswer::kNoRow;
          } else {
            return TrackAnswer::kNoRow;
          }
        },
        payload);
  }

  int RegionCount() const override { return kRegions; }

  std::string_view StateName(int region) const override {
    return Names()[machine_.current_state()[region]];
  }

  bool SetState(int region, std::string_view name) override {
    const auto& names = Names();
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end() || region < 0 || region >= kRegions) return false;
    StateWriter writer{region, static_cast<int>(it - names.begin())};
    machine_.serialize(writer, 0);
    return true;
  }

  std::vector<std::string_view> AcceptedEvents(int region) const override {
    const std::string_view state = StateName(region);
    std::vector<std::string_view> events;
    for (const auto& [source, event] : Rows()) {
      if (source == state && std::find(events.begin(), events.end(), event) == events.end()) {
        events.push_back(event);
      }
    }
    return events;
  }

  bool CaseClosed() const override { return machine_.template is_flag_active<CaseClosedFlag>(); }

 private:
  // State names indexed by MSM's state id (which follows the table's order and is never stored).
  static const std::array<std::string_view, kStateCount>& Names() {
    static const auto names = [] {
      std::array<std::string_view, kStateCount> result{};
      mpl::for_each<States, mpl::quote1<std::add_pointer>::template apply<mpl::_1>>(
          [&](auto* state) {
            using S = std::remove_pointer_t<decltype(state)>;
            result[msm::back::get_state_id<Stt, S>::value] = S::kName;
          });
      return result;
    }();
    return names;
  }

  // (source state, event) for every row of the table, in order.
  static const std::vector<std::pair<std::string_view, std::string_view>>& Rows() {
    static const auto rows = [] {
      std::vector<std::pair<std::string_view, std::string_view>> result;
      mpl::for_each<Table, std::add_pointer<mpl::_1>>([&](auto* row) {
        using R = std::remove_pointer_t<decltype(row)>;
        result.emplace_back(R::Source::kName, R::Evt::kName);
      });
      return result;
    }();
    return rows;
  }

  // Writes one region's active state id through the back-end's serialize() (the only public way
  // to set it); everything else serialize() offers is left untouched.
  struct StateWriter {
    int region;
    int state_id;
    template <class T>
    StateWriter& operator&(T& value) {
      if constexpr (std::is_same_v<T, int[kRegions]>) value[region] = state_id;
      return *this;
    }
  };

  Machine machine_;
};

}  // namespace machines
}  // namespace workflow
