"""The text of the scenario `shove new` writes, with the placeholders it fills in.

``@ID@``, ``@TITLE@`` and ``@SCHEMA@`` are replaced by
:func:`game.scenario.scaffold.scenario_text`. The template is plain text
rather than data so that its comments, which teach the format, survive.
"""

from __future__ import annotations

TEMPLATE = """\
# yaml-language-server: $schema=@SCHEMA@
#
# @TITLE@: a scenario for Push Comes to Shove.
#
# This file was written by `shove new` as a starting point: it already plays.
# Change the story, the people and the numbers, one section at a time, and
# check after each change:
#
#   every problem, as file:line:col      shove validate @ID@.yaml
#   play it; saving the file reloads it  shove play @ID@.yaml --author
#   does one naive strategy always win?  shove balance @ID@.yaml
#   do games meet the expectations?      shove test @ID@.yaml
#
# docs/authoring.md is the guide: a tutorial, then every field explained.
# Lines starting with # are comments for you; the game ignores them.
# Indentation matters in YAML: use spaces, never tabs.

format: 1

# --- meta: facts about the scenario -------------------------------------
# `id` should match the file name. `turns` is the length of the game; each turn
# the chief executive has `leadership_time` points to spend on actions.
meta:
  id: @ID@
  title: "@TITLE@"
  summary: >-
    Get people home from hospital on the day they are ready, with partners who
    each hold part of the answer and none of whom work for you.
  author: ""
  version: "0.1"
  turns: 6
  turn_label: Month
  months_per_turn: 1
  difficulty: introductory
  estimated_minutes: 15
  leadership_time: 3
  # The briefing is the first thing a player reads. Say who they are, what they
  # must achieve and why nobody has to do what they say. A long text can live in
  # its own file beside this one: `briefing: {file: briefing.md}` (a .md or .txt
  # file; lines join into paragraphs, a blank line starts a new one). Any text
  # below can be written that way, and so can each language of a translated one.
  briefing: >-
    You are the chief executive of Wensum Vale Hospital. Sixty people are
    medically ready to leave but still in a hospital bed, waiting for a care
    package, a nurse visit or a care home place. Your board wants one joint
    discharge team with the council and community services within six months.
    The council pays for care, the community nurses hold the caseloads and the
    care homes decide whom they admit. None of them reports to you.

# --- stakeholders: who is involved ---------------------------------------
# Each stakeholder has power (can they block?), trust in you and support for
# the change, all from 0 to 1. Trust grows slowly when you engage them and
# falls about three times faster when you force them. Stubbornness is how
# firmly they hold their own position. Aim for 3 to 6 stakeholders with
# different starting points: the game is in the differences.
stakeholders:
  - id: hospital_board
    name: Wensum Vale Hospital board
    short: Your own board
    description: >-
      Wants beds back before winter and will judge you on it. Supportive, but
      impatient: if they lose faith in you the game ends early.
    kind: provider
    power: 0.7
    legitimacy: 0.8
    urgency: 0.7
    interest: 0.8
    trust: 0.6
    support: 0.7
    stubbornness: 0.3
  - id: social_care
    name: County adult social care
    short: Council, pays for care
    description: >-
      Funds home care and care home places. Fears that a joint team means the
      hospital spending the council's money. Powerful and wary of you.
    kind: local_government
    power: 0.65
    legitimacy: 0.8
    urgency: 0.5
    interest: 0.7
    trust: 0.35
    support: 0.35
    stubbornness: 0.5
  - id: community_nurses
    name: Community nursing team
    short: District nurses and therapists
    description: >-
      Visit people at home after discharge. Short-staffed and tired of being
      told rather than asked; they like the idea if they help design it.
    kind: staff
    power: 0.4
    legitimacy: 0.7
    urgency: 0.6
    interest: 0.7
    trust: 0.45
    support: 0.5
    stubbornness: 0.35
  - id: care_homes
    name: Wensum Vale care homes
    short: Independent providers
    description: >-
      Twelve small businesses. They listen to the council, which pays them, and
      distrust hospitals that send people back on a Friday night.
    kind: private
    power: 0.35
    legitimacy: 0.6
    urgency: 0.6
    interest: 0.6
    trust: 0.3
    support: 0.3
    stubbornness: 0.5
    # A persona adjusts the model for one stakeholder; 1 means "as usual".
    persona:
      memory: 1.5       # a hostile move leaves a deeper scar

# --- influence: who listens to whom --------------------------------------
# `target` listens to `source` with `weight` (above 0, up to 1). Support and
# trust spread along these lines, so winning over a well-connected
# stakeholder wins others too. `antagonist: true` means the target moves away
# from the source's view (old rivals).
influence:
  - {source: social_care, target: care_homes, weight: 0.4}
  - {source: community_nurses, target: care_homes, weight: 0.2}
  - {source: community_nurses, target: social_care, weight: 0.2}
  - {source: hospital_board, target: community_nurses, weight: 0.1}
  - {source: hospital_board, target: social_care, weight: 0.15, antagonist: true}

# --- metrics: how the system is doing ------------------------------------
# Each metric starts at `initial`, aims for `target` and stays within
# `min`..`max`. `drift` is what happens each turn if nobody acts; `noise` is
# luck. A delivered programme moves a metric by `benefits_from` (after a
# delay); forcing change causes a temporary `disruption`; trust above 0.5
# moves it by `trust_effect` each turn.
metrics:
  - id: delayed_discharges
    name: People waiting to go home
    unit: people
    description: People medically ready to leave but still in a hospital bed. Lower is better.
    initial: 60
    min: 0
    max: 120
    target: 30
    higher_is_better: false
    drift: 1.5
    noise: 2
    benefits_from: {discharge_team: -20}
    disruption: 6
    trust_effect: -4
  - id: care_budget
    name: Care budget overspend
    unit: £m
    description: How far the council's care budget is over, in millions of pounds. Lower is better.
    initial: 1.2
    min: 0
    max: 5
    target: 0.5
    higher_is_better: false
    drift: 0.05
    noise: 0.05
    benefits_from: {discharge_team: -0.4}

# --- programmes: the change you must deliver ----------------------------
# Progress runs from 0 to 1. `effort` is roughly how many full-strength
# pushes it takes with nobody blocking. Those listed in `affects` are the
# ones who may resist when you force it.
programmes:
  - id: discharge_team
    name: Joint discharge team
    description: >-
      One team of hospital, council and community staff, in one office, who
      arrange everything a person needs to go home the day they are ready.
    effort: 2.5
    affects: [social_care, community_nurses, care_homes]

# --- actions: what the chief executive can do each turn -----------------
# `stance` says whether a move is a partnership (partner), a push (push) or
# neither; the debrief places the player between the two. `target` is what
# the player picks: a stakeholder, a programme or nothing. Effects are a
# closed list (engage, force, trust, support, metric, progress, flag,
# chance, after): see "Effects" in docs/authoring.md.
actions:
  - id: listen
    name: Listen and design together
    description: >-
      Spend time with one partner on their worries and their ideas. Trust rises
      slowly; trusted partners are open to the case for change.
    cost: 1
    target: stakeholder
    stance: partner
    effects:
      - engage: {who: target, strength: 1.0}

  - id: share_the_data
    name: Share the data
    description: >-
      Show everyone the daily list of people waiting and what it costs them.
      It moves support only among those who already trust you.
    cost: 1
    target: none
    stance: neutral
    cooldown: 1         # then rest a turn before it can be used again
    effects:
      - support: {who: {where: "trust >= 0.45"}, by: 0.06}

  - id: set_a_deadline
    name: Set a go-live date
    description: >-
      Announce the date the joint team starts. Progress is fast, but anyone who
      opposes it may block, and those you overrule remember it.
    cost: 2
    target: programme
    stance: push
    effects:
      - force: {programme: target, strength: 1.0}

  - id: tackle_resister
    name: Tackle a resister head on
    description: >-
      Meet one opponent and hold them to the plan. The better they trust you,
      the likelier it works; if it fails, trust drops sharply.
    cost: 2
    target: stakeholder
    stance: push
    cooldown: 2
    # Only offered against someone still opposed: `support.target` is the
    # support of the stakeholder the player is pointing at.
    available: "support.target < 0.45"
    effects:
      - chance:
          p: "clip(0.2 + 0.6 * trust.target, 0.1, 0.85)"
          then:
            - support: {who: target, by: 0.2}
          else:
            - trust: {who: target, by: -0.2}

  - id: pooled_budget
    name: Offer a pooled budget
    description: >-
      Put hospital money into a shared pot with the council. Social care warms
      to the plan now; the bill arrives on the care budget two months later.
    cost: 1
    target: none
    stance: partner
    available: "flag.pooled_budget == 0"
    effects:
      - flag: {id: pooled_budget, to: 1}
      - support: {who: social_care, by: 0.12}
      - trust: {who: social_care, by: 0.05}
      - after:
          turns: 2
          do:
            - metric: {id: care_budget, by: 0.3}

# --- events: things that happen to the player ---------------------------
# An event may fire when its `when` expression holds, with its
# `probability` each turn. Each choice has a stance and effects; give two or
# three real dilemmas, not one right answer.
events:
  - id: winter_pressure
    title: An early cold snap
    text: >-
      A cold snap fills the hospital. The board wants the joint team running
      by next week, whatever anyone else thinks.
    when: "turn >= 3"
    probability: 0.5
    choices:
      - id: hold_the_line
        text: Tell the board the team starts when partners are ready, not before.
        stance: partner
        outcome: The partners notice you stood up for them. The board is less pleased.
        effects:
          - trust: {who: hospital_board, by: -0.08}
          - trust: {who: {where: "interest >= 0.6 and power < 0.7"}, by: 0.05}
          - metric: {id: delayed_discharges, by: 6}
      - id: start_now
        text: Start the team on Monday with whoever turns up.
        stance: push
        outcome: Progress jumps; the council hears about it from the local paper.
        effects:
          - progress: {programme: discharge_team, by: 0.2}
          - trust: {who: social_care, by: -0.12}
          - trust: {who: care_homes, by: -0.08}

  - id: care_home_refusals
    title: Care homes stop taking Friday discharges
    text: >-
      After two people came back within a day, the care homes say they will
      take no new residents from the hospital on Fridays.
    when: "trust.care_homes < 0.3 or grievance.care_homes > 0.5"
    probability: 0.6
    choices:
      - id: visit_them
        text: Visit the care homes and agree a discharge checklist with them.
        stance: partner
        outcome: Slow, but the homes start to see the team as theirs too.
        effects:
          - engage: {who: care_homes, strength: 1.0}
          - metric: {id: delayed_discharges, by: 3}
      - id: ask_council
        text: Ask the council to remind the homes of their contracts.
        stance: push
        outcome: The homes comply, to the letter and no further.
        effects:
          - support: {who: care_homes, by: 0.1}
          - trust: {who: care_homes, by: -0.1}
          - chance:
              p: 0.5
              then:
                - trust: {who: social_care, by: -0.05}

# --- endings: how the game ends -----------------------------------------
# Endings are tried from the highest `priority` down; the first whose `when`
# holds is the ending. Exactly one ending has no `when`: the fallback.
# `early: true` ends the game as soon as its condition holds after any turn.
endings:
  - id: partnership_breaks
    title: The partnership breaks down
    text: >-
      Your partners stop coming to the table, or your own board stops backing
      you. The joint team is shelved. Trust spent faster than it was built is
      hard to win back.
    outcome: failure
    # wmean(trust) is the power-weighted mean trust of all stakeholders.
    when: "wmean(trust) < 0.25 or trust.hospital_board < 0.2"
    priority: 100
    early: true
  - id: home_for_lunch
    title: Home in time for lunch
    text: >-
      The joint team is running, and the council, the nurses and the care homes
      call it theirs. People go home the day they are ready. You decided when the
      coalition was there, and it held.
    outcome: success
    when: "progress.discharge_team >= 0.8 and wmean(trust) >= 0.4"
    priority: 50
  - id: still_waiting
    title: Still waiting
    text: >-
      The team exists on paper, or only in part. People still wait for beds to be
      freed. Either the partners were never brought on side, or they were pushed
      further than they would go.
    outcome: partial

# --- scoring: the final score, 0 to 100 ---------------------------------
# Weights say what matters: metrics score by closeness to their target,
# programmes by progress, trust and support by their power-weighted mean.
scoring:
  metrics: {delayed_discharges: 1.0, care_budget: 0.5}
  programmes: {discharge_team: 1.5}
  trust: 1.5
  support: 1.0

# --- hints: one line of advice on a given turn (optional) ---------------
hints:
  - turn: 1
    text: >-
      The council holds the purse and the care homes listen to it. Who would you
      invest in first?

# --- debrief: what the game should teach --------------------------------
debrief:
  objectives:
    - See that partners who pay, staff or decide cannot be ordered to change.
    - Time a decision so that the coalition is there when you push.
  # A question written as plain text is asked of every player. Written as `ask:`
  # with a `when:` condition, it is asked only of players whose game fits, and
  # first. The condition reads the last turn, as an ending's `when` does, and may
  # count what the player did: `taken.ACTION`, `moves.partner`, `moves.push`,
  # `moves.neutral`, `chose.EVENT` (1 for its first choice) and `ending.ENDING`.
  questions:
    - ask: >-
        Most of your moves were pushes. Which of them truly needed force, and
        whose trust did they cost you?
      when: "moves.push > moves.partner"
    - Whom did you invest in first, and what made you choose them?
    - When did you set the go-live date, and what told you it was time?
    - What did the cold snap ask of you, and whose trust did your answer spend?
    - What would you do differently in the first month?
  facilitator_notes: >-
    A short game for one sitting. Ask who delivered the team with partners on
    side, who delivered it alone and who was still talking at the end.
  pause_points:
    - after_turn: 3
      prompt: Is there enough support to set a go-live date yet? How would you know?

# --- expectations: balance goals that `shove test` checks ---------------
# Each line simulates many games with a built-in policy (partner, force,
# balanced, random, greedy) and checks the result. Write down what the
# scenario should teach, then let the simulation tell you whether it does.
expectations:
  - policy: balanced
    runs: 400
    success_rate: {min: 0.3}
    note: Building trust first and then deciding should often deliver the team with partners.
  - policy: force
    runs: 400
    success_rate: {max: 0.3}
    note: Forcing from the first month should rarely carry the partners with it.

# --- reactions: what stakeholders say after a turn (optional) -----------
# A short line in the speaker's voice, shown beside them on the map and in
# the turn's summary. `trigger` is what it answers in the turn just played:
# engaged, confronted, pushed, overruled (pushed while they opposed the
# change, and nobody blocked), decided, answered (an event; `event:` names
# which), blocked, red_line, dropped (a programme touching them was
# dropped), or turn (any turn). `when:` reads what a hint
# reads. At most three lines a turn, the most pressing first. Without any
# reactions the game says short lines of its own.
reactions:
  - who: social_care
    trigger: overruled
    text: >-
      A deadline set for the council, not with it. Our members will ask who
      signed us up.
  - who: social_care
    trigger: engaged
    when: "trust.social_care < 0.4"
    text: We will come to the table. One meeting does not make a partnership.
  - who: care_homes
    trigger: blocked
    text: The homes will not take patients on these terms. It stops here.
  - who: hospital_board
    trigger: decided
    text: A date at last. Now make sure the partners can keep it.
"""
