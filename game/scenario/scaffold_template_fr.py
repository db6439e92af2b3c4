"""The comments of the scaffold in French, for `shove new --lang fr`.

Each block of comment lines in :data:`game.scenario.scaffold_template.TEMPLATE`
is replaced whole by the French block filed under its first English line;
the two comments written at the end of a line are filed under their own
text. YAML keys and the scenario itself are left as they are. A test fails
when the template gains a comment that has no French here.
"""

from __future__ import annotations

BLOCKS_FR: dict[str, str] = {
    "# yaml-language-server: $schema=@SCHEMA@": """\
# yaml-language-server: $schema=@SCHEMA@
#
# @TITLE@ : un scénario pour Push Comes to Shove.
#
# Ce fichier a été écrit par `shove new` pour vous servir de point de départ :
# il se joue déjà. Changez l'histoire, les personnes et les chiffres, une
# section à la fois, et vérifiez après chaque changement :
#
#   chaque problème, en fichier:ligne:colonne    shove validate @ID@.yaml
#   y jouer ; l'enregistrer le recharge          shove play @ID@.yaml --author
#   une stratégie naïve gagne-t-elle toujours ?  shove balance @ID@.yaml
#   les parties tiennent-elles les attentes ?    shove test @ID@.yaml
#
# Le guide est docs/authoring.md : un tutoriel, puis chaque champ expliqué.
# Les lignes qui commencent par # sont des commentaires pour vous ; le jeu
# les ignore. En YAML, l'indentation compte : des espaces, jamais de tabulations.""",
    "# --- meta: facts about the scenario -------------------------------------": """\
# --- meta : ce qu'il faut savoir du scénario ----------------------------
# `id` doit correspondre au nom du fichier. `turns` est la durée de la partie ;
# à chaque tour, la directrice ou le directeur général dispose de
# `leadership_time` points à consacrer aux actions.""",
    "# The briefing is the first thing a player reads. Say who they are, what they": """\
# Le briefing est la première chose que lit le joueur. Dites-lui qui il est,
# ce qu'il doit obtenir et pourquoi personne n'est tenu de lui obéir. Un long
# texte peut vivre dans son propre fichier à côté de celui-ci :
# `briefing: {file: briefing.md}` (un fichier .md ou .txt ; les lignes se
# joignent en paragraphes, une ligne vide en commence un nouveau). Tous les
# textes ci-dessous peuvent s'écrire ainsi, de même que chaque langue d'un
# texte traduit.""",
    "# --- stakeholders: who is involved ---------------------------------------": """\
# --- stakeholders : les acteurs -----------------------------------------
# Chaque acteur a un pouvoir (peut-il bloquer ?), une confiance en
# vous et une adhésion au changement, toutes entre 0 et 1. La confiance monte
# lentement quand vous l'associez et baisse environ trois fois plus vite quand
# vous passez en force. L'obstination (stubbornness) dit à quel point il
# tient à sa position. Visez 3 à 6 acteurs aux points de départ
# différents : c'est dans les différences que se joue la partie.""",
    '# A persona adjusts the model for one stakeholder; 1 means "as usual".': """\
# Un persona ajuste le modèle pour un acteur ; 1 veut dire « comme
# d'habitude ».""",
    "# --- influence: who listens to whom --------------------------------------": """\
# --- influence : qui écoute qui -----------------------------------------
# `target` écoute `source` avec le poids `weight` (plus de 0, jusqu'à 1).
# L'adhésion et la confiance se propagent le long de ces liens : convaincre
# un acteur bien relié en convainc d'autres. `antagonist: true`
# veut dire que la cible s'éloigne de l'avis de la source (vieux rivaux).""",
    "# --- metrics: how the system is doing ------------------------------------": """\
# --- metrics : les indicateurs du système -------------------------------
# Chaque indicateur part de `initial`, vise `target` et reste entre `min` et
# `max`. `drift` est ce qui se passe à chaque tour si personne n'agit ;
# `noise` est la part de hasard. Un programme mené à bien déplace
# l'indicateur de `benefits_from` (après un délai) ; passer en force cause
# une perturbation passagère (`disruption`) ; une confiance au-dessus de 0,5
# le déplace de `trust_effect` à chaque tour.""",
    "# --- programmes: the change you must deliver ----------------------------": """\
# --- programmes : le changement à mener ---------------------------------
# L'avancement va de 0 à 1. `effort` est à peu près le nombre de poussées à
# pleine force qu'il faut quand personne ne bloque. Les acteurs
# listés dans `affects` sont ceux qui peuvent résister quand vous passez
# en force.""",
    "# --- actions: what the chief executive can do each turn -----------------": """\
# --- actions : ce que le directeur général peut faire à chaque tour -----
# `stance` dit si un coup relève du partenariat (partner), du passage en force
# (push) ou d'aucun des deux (neutral) ; le bilan place le joueur entre les
# deux. `target` est ce que le joueur choisit : un acteur, un
# programme ou rien. Les effets forment une liste fermée (engage, force,
# trust, support, metric, progress, flag, chance, after) : voir « Effects »
# dans docs/authoring.md.""",
    "# Only offered against someone still opposed: `support.target` is the": """\
# Proposée seulement face à quelqu'un encore opposé : `support.target` est
# l'adhésion de l'acteur que le joueur désigne.""",
    "# --- events: things that happen to the player ---------------------------": """\
# --- events : ce qui arrive au joueur -----------------------------------
# Un événement peut survenir quand son expression `when` est vraie, avec la
# probabilité `probability` à chaque tour. Chaque choix a une posture
# (stance) et des effets ; proposez deux ou trois vrais dilemmes, pas une
# seule bonne réponse.""",
    "# --- endings: how the game ends -----------------------------------------": """\
# --- endings : comment la partie se termine -----------------------------
# Les fins sont essayées de la plus haute priorité (`priority`) à la plus
# basse ; la première dont le `when` est vrai l'emporte. Une seule fin n'a
# pas de `when` : celle par défaut. `early: true` termine la partie dès que
# sa condition est vraie à la fin d'un tour.""",
    "# wmean(trust) is the power-weighted mean trust of all stakeholders.": """\
# wmean(trust) est la confiance moyenne de tous les acteurs,
# pondérée par leur pouvoir.""",
    "# --- scoring: the final score, 0 to 100 ---------------------------------": """\
# --- scoring : le score final, de 0 à 100 -------------------------------
# Les poids disent ce qui compte : les indicateurs comptent selon leur
# proximité de la cible, les programmes selon leur avancement, la confiance
# et l'adhésion selon leur moyenne pondérée par le pouvoir.""",
    "# --- hints: one line of advice on a given turn (optional) ---------------": """\
# --- hints : un conseil d'une ligne à un tour donné (facultatif) --------""",
    "# --- debrief: what the game should teach --------------------------------": """\
# --- debrief : ce que la partie doit apprendre --------------------------""",
    "# A question written as plain text is asked of every player. Written as `ask:`": """\
# Une question écrite en texte simple est posée à chaque joueur. Écrite sous
# la forme `ask:` avec une condition `when:`, elle n'est posée qu'aux joueurs
# dont la partie y correspond, et en premier. La condition lit le dernier
# tour, comme le `when` d'une fin, et peut compter ce qu'a fait le joueur :
# `taken.ACTION`, `moves.partner`, `moves.push`, `moves.neutral`,
# `chose.EVENT` (1 pour son premier choix) et `ending.ENDING`.""",
    "# --- expectations: balance goals that `shove test` checks ---------------": """\
# --- expectations : les objectifs d'équilibre que vérifie `shove test` --
# Chaque ligne simule de nombreuses parties avec une stratégie intégrée
# (partner, force, balanced, random, greedy) et vérifie le résultat. Écrivez
# ce que le scénario doit apprendre, puis laissez la simulation vous dire
# s'il l'apprend.""",
    "# --- reactions: what stakeholders say after a turn (optional) -----------": """\
# --- reactions : ce que disent les acteurs après un tour (facultatif) ---
# Une phrase courte, dans la voix de celui qui parle, affichée à côté de lui
# sur la carte et dans le bilan du tour. `trigger` dit à quoi elle répond dans le
# tour qui vient d'être joué : engaged (vous l'avez rencontré), confronted,
# pushed, overruled (passage en force alors qu'il s'opposait, sans blocage),
# decided, answered (un événement ; `event:` dit lequel), blocked, red_line,
# dropped (un programme qui le touche a été abandonné), ou turn (à chaque tour). `when:` lit ce que lit un indice. Au plus trois
# phrases par tour, les plus pressantes d'abord. Sans réactions, le jeu dit
# de courtes phrases à lui.""",
}
"""French comment blocks, filed under the first line of the English block."""

INLINE_FR: dict[str, str] = {
    "a hostile move leaves a deeper scar": "un coup hostile laisse une marque plus profonde",
    "then rest a turn before it can be used again": "puis un tour de repos avant de pouvoir resservir",
}
"""French comments written at the end of a line, filed under the English text."""
