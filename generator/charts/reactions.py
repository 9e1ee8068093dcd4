"""`reactions`: who reacted when and how (actors by date, coloured by stance), and
`reactions-by-stance`: how many reactions took each stance."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import timedelta
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from generator.charts import text
from generator.charts.plan import MIN_TEXT, Plan, actor_name, empty_plan, source_ids, spelled_name
from generator.factbase.models import Reaction
from generator.factbase.vocab import Phase
from generator.i18n import DEFAULT_LANGUAGE
from generator.i18n.formatting import number
from generator.model.report import Report

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from generator.charts.theme import Theme

NAME = "reactions"
BY_STANCE = "reactions-by-stance"
MAX_ROWS = 40
MIN_DAYS = 6
ROW = 0.27
NAME_CHARACTERS = 20
"""Row names wrap at this many characters: about 140 pt of the 360 pt figure at 11.5 pt."""
LINE = 0.72
"""A line of a row's name, in rows."""
# A shape per stance as well as a colour, so the chart reads without colour vision.
HEADER = ["reaction", "date", "actor", "actor_name", "stance", "also", "channel", "phase"]


def plans(report: Report, language: str = DEFAULT_LANGUAGE) -> list[Plan]:
    return [timeline_plan(report, language), stance_plan(report, language)]


def _rows(reactions: list[Reaction], report: Report) -> list[list[Any]]:
    return [
        [
            r.id,
            r.date.isoformat(),
            r.actor,
            actor_name(report, r.actor),
            r.stance.value,
            " ".join(s.value for s in r.also),
            r.channel.value,
            r.phase.value,
        ]
        for r in reactions
    ]


def timeline_plan(report: Report, language: str = DEFAULT_LANGUAGE) -> Plan:
    w = text.Words(language)
    title = w.gettext("Reactions by actor and date")
    inside = [r for r in report.reactions if r.phase == Phase.MAIN]
    if not inside:
        return empty_plan(
            NAME, title, w.gettext("No reactions inside the report's period have been recorded yet."), HEADER
        )
    # One row per state or organisation: the reactions of its bodies (a ministry, an office) sit on its row.
    by_actor: dict[str, list[Reaction]] = defaultdict(list)
    for reaction in inside:
        by_actor[entity(report, reaction.actor)].append(reaction)
    for reactions in by_actor.values():
        reactions.sort(key=lambda r: r.date)
    actors = sorted(
        by_actor, key=lambda a: (-len(by_actor[a]), by_actor[a][0].date, full_name(report, a, language).casefold())
    )
    shown_actors = actors[:MAX_ROWS]
    # Rows in order of first reaction: the chart reads top to bottom as the crisis unfolded.
    shown_actors.sort(key=lambda a: (by_actor[a][0].date, full_name(report, a, language).casefold(), a))
    shown = [r for a in shown_actors for r in by_actor[a]]
    names = [text.wrap(full_name(report, a, language), NAME_CHARACTERS) for a in shown_actors]
    origin = min(report.info.period.start, min(r.date for r in shown))
    stances = Counter(r.stance for r in shown)
    vocabulary = report.vocabulary("stance")
    # The axis spans the reactions, not the whole period: early days are crowded, late ones empty.
    first_day = min(r.date for r in shown)
    last_day = max(max(r.date for r in shown), first_day + timedelta(days=MIN_DAYS))
    data: dict[str, Any] = {
        "origin": origin.isoformat(),
        "first": (first_day - origin).days,
        "last": (last_day - origin).days,
        "actors": names,
        "points": [
            {
                "row": shown_actors.index(entity(report, r.actor)),
                "day": (r.date - origin).days,
                "stance": r.stance.value,
            }
            for r in shown
        ],
        "stances": [
            {"stance": s.value, "label": w.label(s), "colour": s.colour, "marker": s.marker}
            for s in vocabulary
            if stances[s]
        ],
    }
    if not w.default:
        data["language"] = language
    per_day = Counter(r.date for r in shown)
    busiest = max(per_day, key=lambda d: (per_day[d], -d.toordinal()))
    first = min(shown, key=lambda r: (r.date, actor_name(report, r.actor)))
    stance_list = w.listing(
        [
            f"{text.lower_label(w.label(s))} {w.number(stances[s])}"
            for s in sorted(stances, key=lambda s: (-stances[s], vocabulary.index(s)))
        ]
    )
    alt = w.gettext(
        "Dot chart of %(reactions)s by %(actors)s %(span)s, one row per actor (with the reactions of its bodies) in order of first reaction, "
        "one marker per reaction coloured by stance (%(stances)s); the first came from %(first)s "
        "on %(first_day)s, and the busiest day was %(busiest)s with %(busiest_reactions)s.",
        reactions=_reactions(w, len(shown)),
        actors=w.ngettext("%(num)s actor", "%(num)s actors", len(shown_actors)),
        span=w.span(min(r.date for r in shown), max(r.date for r in shown)),
        stances=stance_list,
        first=actor_name(report, first.actor, language),
        first_day=w.long_date(first.date),
        busiest=w.long_date(busiest),
        busiest_reactions=_reactions(w, per_day[busiest]),
    )
    notes = [
        w.gettext(
            "One row per actor, in the order of their first reaction; each marker is one reaction, by its main stance."
        )
    ]
    bodies = [
        f"{full_name(report, a, language)}: {w.listing(sorted({actor_name(report, r.actor, language) for r in by_actor[a] if r.actor != a}))}"
        for a in shown_actors
        if any(r.actor != a for r in by_actor[a])
    ]
    if bodies:
        notes.append(w.gettext("Reactions of their bodies are on their row (%(bodies)s).", bodies="; ".join(bodies)))
    if len(actors) > MAX_ROWS:
        notes.append(
            w.ngettext(
                "The %(shown)s actors with most reactions are shown; %(num)s other actor are in the table.",
                "The %(shown)s actors with most reactions are shown; %(num)s other actors are in the table.",
                len(actors) - MAX_ROWS,
                shown=MAX_ROWS,
            )
        )
    later = len(report.reactions) - len(inside)
    if later:
        notes.append(
            w.ngettext(
                "%(num)s reaction outside the report's period is listed in the table only.",
                "%(num)s reactions outside the report's period are listed in the table only.",
                later,
            )
        )
    return Plan(
        name=NAME,
        title=title,
        caption=" ".join(notes),
        alt=alt,
        source_ids=source_ids(report, shown),
        header=HEADER,
        rows=_rows(shown, report),
        data=data,
        draw=draw_timeline,
        height=1.0 + ROW * sum(_heights(names)) + 0.27 * len(data["stances"]),
    )


def entity(report: Report, actor_id: str) -> str:
    """The state or organisation an actor belongs to: the top of its chain of `parent`s."""
    seen = {actor_id}
    while (
        (parent := getattr(report.by_id.get(actor_id), "parent", None))
        and parent in report.by_id
        and parent not in seen
    ):
        seen.add(parent)
        actor_id = parent
    return actor_id


def full_name(report: Report, actor_id: str, language: str = DEFAULT_LANGUAGE) -> str:
    return spelled_name(report, actor_id, language)


def _reactions(w: text.Words, count: int) -> str:
    return w.ngettext("%(num)s reaction", "%(num)s reactions", count)


def _heights(names: list[str]) -> list[float]:
    return [max(1.0, LINE * (name.count("\n") + 1) + 0.3) for name in names]


def _positions(names: list[str]) -> list[float]:
    heights = _heights(names)
    positions = [heights[0] / 2]
    for previous, height in pairwise(heights):
        positions.append(positions[-1] + (previous + height) / 2)
    return positions


def stance_plan(report: Report, language: str = DEFAULT_LANGUAGE) -> Plan:
    w = text.Words(language)
    title = w.gettext("Reactions by stance")
    reactions = report.reactions
    header = ["stance", "label", "reactions"]
    if not reactions:
        return empty_plan(BY_STANCE, title, w.gettext("No reactions have been recorded yet."), header)
    counts = Counter(r.stance for r in reactions)
    vocabulary = report.vocabulary("stance")
    ordered = sorted(counts, key=lambda s: (-counts[s], vocabulary.index(s)))
    data: dict[str, Any] = {"bars": [{"label": w.label(s), "colour": s.colour, "count": counts[s]} for s in ordered]}
    if not w.default:
        data["language"] = language
    alt = w.gettext(
        "Bar chart of %(reactions)s by main stance: %(stances)s.",
        reactions=_reactions(w, len(reactions)),
        stances=w.listing([f"{text.lower_label(w.label(s))} {w.number(counts[s])}" for s in ordered]),
    )
    caption = w.gettext(
        "Each reaction counts once, under its main stance; further stances it takes are listed with it in the table."
    )
    return Plan(
        name=BY_STANCE,
        title=title,
        caption=caption,
        alt=alt,
        source_ids=source_ids(report, reactions),
        header=header,
        rows=[[s.value, s.label, counts[s]] for s in vocabulary],
        data=data,
        draw=draw_by_stance,
        height=0.5 + 0.62 * len(ordered),
    )


def draw_timeline(figure: Figure, data: dict[str, Any], theme: Theme) -> None:
    from matplotlib.lines import Line2D

    from generator.charts.axes import day_axis, legend_below, plain_axes

    axes = plain_axes(figure, theme, grid="")
    axes.grid(axis="y", linewidth=0.6)
    axes.grid(axis="x")
    axes.spines["left"].set_visible(False)
    axes.tick_params(axis="y", length=0, labelsize=MIN_TEXT)
    style = {s["stance"]: (theme.data(s["colour"]), s["marker"]) for s in data["stances"]}
    ys = _positions(data["actors"])
    same_day: Counter[tuple[int, int]] = Counter((p["row"], p["day"]) for p in data["points"])
    seen: Counter[tuple[int, int]] = Counter()
    for p in data["points"]:
        key = (p["row"], p["day"])
        # Several reactions by one actor on one day sit side by side.
        shift = (seen[key] - (same_day[key] - 1) / 2) * 0.55
        seen[key] += 1
        colour, marker = style[p["stance"]]
        axes.plot(
            [p["day"] + shift],
            [ys[p["row"]]],
            linestyle="",
            marker=marker,
            markersize=8.5,
            color=colour,
            markeredgecolor=theme.background,
            markeredgewidth=0.6,
            zorder=3,
        )
    axes.set_yticks(ys, data["actors"])
    axes.set_ylim(ys[-1] + _heights(data["actors"])[-1] / 2, 0)
    axes.set_xlim(data["first"] - 0.8, data["last"] + 0.8)
    day_axis(axes, data["origin"], data["first"], data["last"], language=data.get("language", DEFAULT_LANGUAGE))
    handles = [
        Line2D([], [], linestyle="", marker=s["marker"], markersize=8, color=theme.data(s["colour"]))
        for s in data["stances"]
    ]
    legend_below(figure, handles, [s["label"] for s in data["stances"]], columns=1)


def draw_by_stance(figure: Figure, data: dict[str, Any], theme: Theme) -> None:
    from generator.charts.axes import plain_axes

    axes = plain_axes(figure, theme, grid="")
    bars = data["bars"]
    largest = max(b["count"] for b in bars)
    for index, bar in enumerate(bars):
        axes.barh(index, bar["count"], height=0.42, color=theme.data(bar["colour"]), linewidth=0)
        axes.text(0, index - 0.3, bar["label"], ha="left", va="bottom", fontsize=11.5, color=theme.text)
        axes.text(
            bar["count"] + largest * 0.015,
            index,
            number(bar["count"], data.get("language", DEFAULT_LANGUAGE)),
            ha="left",
            va="center",
            fontsize=11.5,
            color=theme.text,
        )
    axes.set_yticks([])
    axes.set_ylim(len(bars) - 0.6, -0.95)
    axes.set_xlim(0, largest * 1.12)
    # The counts are written at the bars' ends, so the value axis would only repeat them.
    axes.set_axis_off()
