"""The history keeps the call's two-sided figures (counts and durations only): the
customer's speech time and syllables, overlap, interruptions and dead air, per interval,
and nothing of them where the customer was not heard."""

from pathlib import Path

import pytest
from two_party import make_call, standard_call_script

from desktop.audio.call_source import CallBlock, CustomerState
from desktop.coaching.coach import build_coach, turn_settings
from desktop.coaching.settings import Policy
from desktop.engine import StreamAnalysis, TimelineEvent
from desktop.events import CustomerChannelChanged
from desktop.prosody.analyzer import SyllableNucleus
from desktop.store import ShiftRecorder, open_history


@pytest.fixture(scope="module")
def timeline(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[TimelineEvent], object]:
    call = make_call(
        standard_call_script(), tmp_path_factory.mktemp("call"), bleed_db=-20.0, sidetone_db=-15.0
    )
    policy = Policy()
    analysis = StreamAnalysis("call", coach=build_coach(policy), turns=turn_settings(policy))
    events: list[TimelineEvent] = [CustomerChannelChanged(0.0, CustomerState("listening"))]
    for i in range(0, len(call.agent), 1600):
        events += analysis.feed(CallBlock(call.agent[i : i + 1600], call.customer[i : i + 1600]))
    return events + analysis.finish(), call


def record(events: list[TimelineEvent], path: Path):
    opened = open_history(path, retention_days=90)
    recorder = ShiftRecorder(opened.store, Policy(), "mic")
    for event in events:
        recorder.observe(event)
    recorder.flush()
    history = opened.store.load_shift(recorder.shift_id)
    opened.store.close()
    assert history is not None
    return history


def test_the_calls_two_sided_figures_are_kept(timeline, tmp_path: Path) -> None:
    """Sums over the shift's intervals match what the turn tracker decided."""
    events, call = timeline
    history = record(events, tmp_path / "history.sqlite")
    figures = events[-1].conversation
    intervals = history.intervals

    def total(name: str) -> float:
        return sum(getattr(i, name) for i in intervals)

    assert total("customer_talk_s") == pytest.approx(figures.customer_speech_s, abs=0.05)
    true_customer_s = sum(p.end_s - p.start_s for p in call.placed if p.speaker == "customer")
    assert total("customer_talk_s") == pytest.approx(true_customer_s, rel=0.1)
    assert total("overtalk_s") == pytest.approx(figures.overtalk_s, abs=0.01)
    assert total("interruptions") == 1
    assert total("dead_air_s") == pytest.approx(figures.dead_air_s, abs=0.01)
    assert total("customer_syllables") > 20


def test_without_the_customer_heard_the_figures_are_unknown(timeline, tmp_path: Path) -> None:
    """The agent's side alone (no CustomerChannelChanged listening): all None, not zeros."""
    events, _ = timeline
    agent_only = [e for e in events if not isinstance(e, CustomerChannelChanged)]
    history = record(agent_only, tmp_path / "history.sqlite")
    for interval in history.intervals:
        assert interval.customer_talk_s is None and interval.interruptions is None
        assert interval.dead_air_s is None and interval.overtalk_s is None


def test_the_customers_syllables_lie_where_they_were_said(timeline, tmp_path: Path) -> None:
    """Each interval holds the customer's syllable nuclei that fall in it (not all of a
    segment's at its start), so a tempo per interval is a tempo."""
    events, _ = timeline
    history = record(events, tmp_path / "history.sqlite")
    nuclei = [e.t_s for e in events if isinstance(e, SyllableNucleus) and e.speaker == "customer"]
    assert nuclei
    for interval in history.intervals:
        inside = sum(1 for t in nuclei if interval.start_s <= t < interval.end_s)
        assert interval.customer_syllables == inside
