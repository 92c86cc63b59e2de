"""Every message the tool prints, in English, by key: the source of the translations.

The French (and any other language) is in ``locale/<lang>/LC_MESSAGES/toolbox.po``, one
message a key (its msgctxt). After changing this file, run ``python tools/i18n_convert.py``:
it updates ``locale/toolbox.pot``, merges every ``.po`` and compiles the ``.mo`` files
(CONTRIBUTING.md, "Messages and languages"). ``PLURALS`` holds (singular, plural) pairs,
chosen by ``ngettext`` and the language's Plural-Forms. Placeholders are ``str.format``
fields. French typography (no-break spaces) is applied at output: type plain spaces.
"""

from __future__ import annotations

UI: dict[str, str] = {
    # show
    "families": "Families",
    "levels": "Partnership intensity",
    "objective": "Main objective",
    "interest_territory": "Interest for the local authority or company",
    "interest_research": "Interest for the university or laboratory",
    "interests": "What each partner gains",
    "interest_you": "For you",
    "interest_partner": "For your partner",
    "process": "Process",
    "examples": "Examples and resources",
    "level_notes": "Level by level",
    "kind_example": "example",
    "kind_resource": "resource",
    "kind_link": "link",
    "kind_reference": "bibliographic reference",
    "kind_video": "video",
    "kind_podcast": "podcast",
    "kind_template": "template (agreement, statutes…)",
    "source_line": "Source: {title}",
    "actors": "Taken up by",
    "goals": "Goals",
    "read_more": "Read the card: {command}",
    # list
    "col_id": "id",
    "col_title": "Tool",
    "col_families": "Fam.",
    "col_levels": "Levels",
    "list_none": "no tool matches these filters",
    # search
    "col_why": "Why",
    "search_none": "no tool matches '{query}'",
    # a search result found through the other language's words: its extract in that one
    "found_in_fr": "in French:",
    "found_in_en": "in English:",
    "search_hint": (
        "Try fewer or shorter words, or the other language, or see every card: toolbox list"
    ),
    # levels
    "scale": "The partnership-intensity scale",
    "rule": "The rule",
    # recommend: reasons, worded by the renderers from the engine's codes
    "why_goal_you": "serves your goal: {goal}",
    "why_goal_partner": "serves your partner's goal: {goal}",
    "why_goal_both": "serves the goal you share: {goal}",
    "why_goal_level_you": "used at level {level}, the level that builds your goal: {goal}",
    "why_goal_level_partner": (
        "used at level {level}, the level that builds your partner's goal: {goal}"
    ),
    "why_goal_level_both": (
        "used at level {level}, the level that builds the goal you share: {goal}"
    ),
    "why_initiative_you": "you can take the initiative ({actor})",
    "why_initiative_partner": "your partner can take the initiative ({actor})",
    "why_relay_support": "a relay structure can take it up: useful when local staff time is scarce",
    "why_relay_part": "a relay structure can take part in it",
    "why_in_house": "only your own staff can carry it",
    "why_next_step": "used at level {level}, one step above what you practise",
    "staff_time_yes": "staff time available",
    "staff_time_no": "little or no staff time",
    "bad_staff_time": "{origin}: expected yes or no, got {value}",
    # recommend: the plan
    "your_answers": "Your answers",
    "answers_line": "{actor} · maturity {maturity} · goals: {goals}{staff_time}",
    "partner_line": "Partner: {actor}{goals}",
    "partner_goals": " · goals: {goals}",
    "and": "and",
    "lead": "Initiative: {actors}",
    "lead_you": "you",
    "lead_partner": "your partner",
    "gain_you": "For you",
    "gain_partner": "For your partner",
    "gain_both": "For both of you",
    "gain_of": "{who} ({actor})",
    "first_step": "To start:",
    "coverage_few": (
        "Only {concerned} of the toolbox's {total} tools concern you ({who}): it was written "
        "mostly for local authorities and research. The plan below keeps to those."
    ),
    "coverage_pair": "{you} and {partner}",
    "no_recommendation": "No tool in this catalogue that concerns you serves these goals.",
    "no_recommendation_goals": "Those that concern you serve these goals: {goals}.",
    "md_title": "toolbox recommendation",
    "md_pair_title": "A partnership between {you} and {partner}: a joint plan",
    "md_footer": (
        "_Based on the Toolbox for building partnerships between research and territories (INET)._"
    ),
    "explain_deferred": "For later, once you know each other: it needs level {requires} first.",
    "explain_not_concerned": (
        "Left out: this tool does not concern {who} (it concerns: {concerns})."
    ),
    "explain_no_goal": "Left out: it serves none of the goals asked for (its own: {goals}).",
    "explain_over_limit": "Left out by --limit {limit}: it is number {rank} of the plan.",
    "explain_concerns": "Concerns",
    "explain_initiative": "Initiative",
    "explain_goals": "Goals",
    "explain_score": "Score: {score}",
    "explain_criteria": "Criteria",
    "explain_no_criteria": "no criterion counts",
    "explain_rule": "Rule",
    # no past participle: it would have to agree with the card's title ("Les chaires")
    "explain_unlocked_by": "Unlocked by: {ids}",
    "explain_unknown": "--explain: no tool '{name}' in this catalogue.",
    "interrupted_eof": "input ended before the questionnaire was complete; nothing was written.",
    # answers (questionnaire)
    "missing_answers": "answers are missing. Without a terminal, pass {flags} (or --answers FILE).",
    "unknown_actor": "{origin}: unknown actor '{value}'{suggest}; expected one of: {known}",
    "unknown_goal": "{origin}: unknown goal '{value}'{suggest}; expected one of: {known}",
    "did_you_mean_inline": " (did you mean {ids}?)",
    "bad_maturity": "{origin}: expected a whole number from {low} to {high}, got {value}",
    "answers_file": "{where}: {message}",
    "answers_unknown_field": (
        "{where}: unknown field; expected actor, maturity, goals, staff_time, partner (actor, "
        "goals)"
    ),
    "answers_partner": (
        "{where}: expected a mapping with 'actor: …' and, optionally, 'goals: [...]'"
    ),
    "partner_goals_alone": "--partner-goal needs --partner: what kind of partner is it?",
    "partner_uncovered": (
        "no tool in this catalogue concerns both {you} and {partner}. Partners covered for {you}: "
        "{covered}."
    ),
    "answers_goals": "{where}: expected a non-empty list of goal ids",
    "answers_text": "{where}: expected text, got {value}",
    "answers_quote": "{where}: expected text, got {value}: quote it",
    "save_refused": "--save-answers: {reason}",
    "answers_saved": "Answers written to {path}.",
    "answers_empty_name": "--answers: empty file name",
    # the safe writer (safefile)
    "write_empty_name": "empty file name",
    "write_failed": "{path}: {reason}",
    "write_dangling_link": "{path} is a link to a file that does not exist: nothing was written",
    "write_not_regular": "{path} is {kind}, not a regular file: nothing was written",
    "write_no_dir": "no such directory: {path}",
    "write_dir_not_writable": "cannot write in {path}",
    "write_read_only": "{path} is read-only: nothing was written",
    "write_not_ours": (
        "{path} exists and is not an answers file: nothing was written (--force to replace it)"
    ),
    "write_changed": "{path} changed while it was being written: nothing was written",
    "output_closed": "standard output is closed: nothing was done",
    "output_failed": "cannot write the output: {reason}",
    "bad_lang": "{origin}: unknown language '{value}'; expected one of {languages}",
    "no_partnership": "no partnership yet",
    "level_line": "level {level}: {label}",
    "error_line": "Error: {line}",
    "not_found": "no card is called '{name}'",
    "ambiguous": "'{name}' matches several cards:",
    "did_you_mean": "Did you mean:",
    "goal_separator": "; ",
    "suggestion": "  {id}",
    "see_list": "See every card: toolbox list",
    "catalogue_hint": "Fix them, then check with: toolbox validate {path}",
    "bad_value": "{option}: unknown value '{value}'; expected: {expected}",
    # layered catalogues, validate --format github, toolbox new (issue 10)
    "example_catalogue": "Catalogue: {name}",
    "catalogue_shipped": "shipped catalogue",
    "github_title": "toolbox validate",
    "new_q_id": "Card id (the file name: lowercase letters, digits, hyphens)",
    "new_q_title_fr": "Title in French",
    "new_q_title_en": "Title in English",
    "new_q_summary_fr": "Summary in French",
    "new_q_summary_en": "Summary in English",
    "new_q_families": "Families of tools",
    "new_q_levels": "Partnership intensity levels",
    "new_q_concerns": "Whom the tool concerns (everyone who can take part in it)",
    "new_q_actors": "Who takes the initiative (among those it concerns)",
    "new_q_goals": "Goals",
    "new_q_source": "Source document",
    "new_q_section_fr": "Part of the source document, in French",
    "new_q_section_en": "Part of the source document, in English",
    "new_q_kind": "Kind of example",
    "new_q_name_fr": "Example's name in French",
    "new_q_name_en": "Example's name in English",
    "new_q_description_fr": "Description in French (optional)",
    "new_q_description_en": "Description in English (optional)",
    "new_q_link": "http:// or https:// link (optional)",
    "new_expected_text": "expected: a text",
    "new_expected_slug": (
        "'{value}' is not an id: lowercase ASCII letters, digits and single hyphens, e.g. "
        "territorial-chair"
    ),
    "new_expected_numbers": "'{value}': expected one or more numbers from {expected}",
    "new_expected_one": "'{value}': expected one of: {expected}",
    "new_expected_term": "'{value}': expected one or more of: {expected}",
    "new_expected_link": "'{value}': expected an http:// or https:// link",
    "new_initiative_not_concerned": (
        "who takes the initiative ({actors}) must also be among those the tool concerns"
    ),
    "new_invalid": "{field}: {reason}",
    "new_bad_flag": "{flag}: {reason}",
    "as_said": "{reason}",
    "new_id_file": "{path} already exists: choose another id",
    "new_id_taken": (
        "'{id}' is already a card of the catalogue this one extends: to replace it, list it under "
        "replaces in catalogue.yaml; to add an example to it, toolbox new --extends {id}"
    ),
    "new_description_both": "a description is written in both languages, or not at all",
    "new_missing": "answers are missing and no terminal can ask for them; give: {flags}",
    "new_unknown_card": "no card '{name}' to extend in this catalogue",
    "new_exists": "{path} already exists: nothing was written (choose another id)",
    "new_refused": "not written: {reason}",
    "new_interrupted": "input ended before every question was answered; nothing was written.",
    "new_written": "Written: {path}",
    "new_todo": (
        "Replace each 'TO BE COMPLETED' text (objective, interests, process) from the source, and "
        "quote it in the comment above concerns."
    ),
    "new_next": "Next: {command}",
    # the command line's own words (usage.py): help pages and usage errors
    "help_usage": "Usage: {usage}",
    "help_options_metavar": "[OPTIONS]",
    "help_command_metavar": "COMMAND [ARGS]…",
    "help_arguments": "Arguments:",
    "help_options": "Options:",
    "help_commands": "Commands:",
    "help_default": "(default: {value})",
    "help_more": "Help on one command: {command} COMMAND --help",
    "usage_hint": "See the help: {command} --help",
    "usage_no_option": "no such option: {option}",
    "usage_no_option_suggest": "no such option: {option}; did you mean {suggestions}?",
    "usage_no_command": "no such command '{name}'; expected one of: {known}",
    "usage_no_command_suggest": "no such command '{name}'; did you mean {suggestions}?",
    "usage_missing": "missing {name}",
    "usage_needs_value": "{option} needs a value",
    "usage_extra": "unexpected argument: {args}",
    "usage_bad_param": "{option}: invalid value",
    "usage_invalid": "invalid command line",
    "usage_conflict": "{first} and {second} cannot be used together: choose one",
    "bad_number": "{option}: expected a whole number from {low} to {high}, got '{value}'",
    "bad_choice": "{option}: unknown value '{value}'; expected one of: {known}",
    "bad_choice_suggest": (
        "{option}: unknown value '{value}'; did you mean {suggestions}? Expected one of: {known}"
    ),
    # the questionnaire: the maturity scale, worded as situations (document 000's five degrees)
    "maturity_0": "We have never worked with the other sphere: we don't know each other yet.",
    "maturity_1": "We know each other: meetings, lectures, visits; we know who does what.",
    "maturity_2": "We have already stepped back together to question what we do (reflexivity).",
    "maturity_3": "Research has already brought questions, theories or models to our projects.",
    "maturity_4": "We have already run an experiment together.",
    "maturity_5": "We already capitalise together: we keep a record and share the lessons.",
    # the questionnaire's questions
    "ask_actor": "Who are you?",
    "ask_maturity": "How far has your partnership with the other sphere gone?",
    "ask_goals": "What are you after? (one or more numbers, separated by commas)",
    "ask_staff_time": (
        "Does your organisation have staff time (engineering capacity) to give to a partnership?"
    ),
    "ask_partner": "Do you have a partner in mind? Of which kind? (Enter to skip)",
    "ask_partner_goals": "What is your partner after? (numbers separated by commas; Enter to skip)",
    "ask_choice": "Your choice",
    "ask_invalid": "Invalid answer: type {expected}.",
    "ask_invalid_suggest": "Invalid answer: type {expected}. Did you mean {suggestions}?",
    "ask_partner_kind": "Which kind is your partner? Type {expected} (Enter to skip).",
    "ask_save_same": "The same without questions:",
    "ask_save_offer": "Save these answers? File name (Enter to skip)",
    "ask_save_saved": "Answers saved in {path}; to replay them:",
    # the optional question on staff time: each answer and its hint
    "staff_time_answer_yes": "Yes",
    "staff_time_answer_yes_hint": "Staff can give it time.",
    "staff_time_answer_no": "No",
    "staff_time_answer_no_hint": (
        "Little or no engineering capacity, like many small and medium territories."
    ),
    "usage_bad_path": "{option}: {problem}",
    "usage_cannot_list": "{path}: cannot list: {reason}",
    "usage_cannot_use": "{path}: {reason}",
    "usage_not_dir": "{path}: not a directory",
    "why_next_step_first": "used at level {level}, the first of the scale",
    "why_practised_level": "used at level {level}, the intensity you already practise",
    "why_step_up": (
        "used at level {level}, higher than you practise: a sheet's levels are what a tool can "
        "reach, not prerequisites"
    ),
    "why_already_practised": "used at level {level}, below what you practise: already practised",
    "why_step_up_later": "used at level {level}",
    "why_unlocks": (
        "it gives the mutual knowledge (level {level}) that the tools held back need first"
    ),
    "plan_glance": "Your plan at a glance",
    "plan_glance_pair": "Your joint plan at a glance",
    "glance_start": "Start here",
    "glance_then": "Then",
    "glance_later": "Later",
    "glance_later_line": "{ids} (once you know each other)",
    "glance_start_line": "{ids} (pick one or two)",
    "section_start": "Start here",
    "section_then": "Then",
    "section_later": "Once you know each other",
    "start_none": "No tool to take up yourself to start with: see those that follow.",
    "then_intro": "The next best, in order, and why each comes after.",
    "then_proposed": "After, because it is only proposed: the scheme has yet to be created.",
    "then_others_lead": "After, because you cannot take the initiative: {actors} must; ask them.",
    "then_in_house": "After, because only your own staff can carry it and staff time is short.",
    "then_already_practised": "After, because it is used below what you practise (level {level}).",
    "then_start_full": "After, because Start here keeps three tools: it ranks just below them.",
    "then_scores_less": "After, because it serves your goals less than the tools to start with.",
    "later_unlocked_by": "Get to know each other first with {ids}, above in this plan.",
    "later_no_tool": (
        "No tool in this catalogue that concerns you gives level {levels}. Build it first by other "
        "means: meetings, lectures, visits, to learn who does what."
    ),
    "later_cut_unlockers": "The tools that unlock them are beyond --limit {limit}.",
    "proposed_mark": "proposed",
    "proposed_note": "Only proposed: this scheme does not exist yet, as its sheet says.",
    "lead_others": "You cannot take the initiative: {actors} must; ask them.",
    "or": "or",
    "first_step_actor": "To start (for you, {actor}):",
    "first_step_staff_time": "To start (with little staff time):",
    "first_step_staff_time_yes": "To start (with staff time):",
    "first_step_actor_staff_time": "To start (for you, {actor}, with little staff time):",
    "first_step_actor_staff_time_yes": "To start (for you, {actor}, with staff time):",
    # recommend --explain
    "explain_recommended_start": (
        "Recommended: Start here, number {rank} of the plan, used at level {level}."
    ),
    "explain_recommended_then": (
        "Recommended: Then, number {rank} of the plan, used at level {level}. {because}"
    ),
    "explain_over_limit_deferred": (
        "Left out by --limit {limit}: it is number {rank} of the tools for later."
    ),
    "explain_proposed": "Only proposed: this scheme does not exist yet.",
    "list_actor_initiative": (
        "--actor: the tools whose initiative it can take (recommend also counts those that concern "
        "it, where it only takes part)."
    ),
    "search_empty": "nothing to search for: give one or more words (toolbox search doctorant)",
    "families_heading": "The 4 families of tools",
    "bad_maturity_text": "{origin}: expected a whole number from {low} to {high}, got '{value}'",
    "validate_failed": (
        "invalid catalogue, errors (listed on standard output): {count}; fix them, then check "
        "with: toolbox validate {path}"
    ),
    "new_unknown_source": (
        "'{value}': expected a source among: {expected}; to cite one of your own, declare it in "
        'the catalogue\'s vocabulary.yaml (see README.md, "Community catalogues")'
    ),
    "new_invalid_flag": "{reason}",
    "new_dir_missing": "no such folder: {path} (nor its parent folder, to create it in)",
    "new_dir_not_folder": "{path} is not a folder",
    "new_dir_os": "{path}: {reason}",
    "new_dir_not_writable": "cannot write in the folder {path}: permission denied",
    "new_dir_too_long": "path too long for this system ({length} bytes, at most {most}): {path}",
    "new_extensions_file": "{path} should be the folder of extensions, but it is a file",
    "new_extensions_dangling": (
        "{path} should be the folder of extensions, but it is a link to a file that does not exist"
    ),
    "new_title_taken": "the card {id} already has the title '{title}': choose another one",
    "new_manifest_written": "Written: {path} (the shipped cards, and this folder's own)",
    "usage_option_after_command": (
        "{option} is an option of the commands ({commands}): give it after the command, for "
        "example: {example}"
    ),
    "usage_option_before_command": (
        "{option} is an option of toolbox itself: give it before the command, for example: "
        "{example}"
    ),
    # people's HTML (recommend/show --format html, toolbox site)
    "html_title": "Your partnership plan",
    "html_date": "Drawn up on {date}",
    "html_months": (
        "January,February,March,April,May,June,July,August,September,October,November,December"
    ),
    "you_are_here": "you are here",
    "you_are_here_zero": "you are here: no partnership yet",
    "html_levels": "Levels {levels} of 5",
    "html_ladder": "The intensity scale, from level 5 down to level 1",
    "html_credit": "Based on the {title}. Advice worked out by toolbox, a free tool.",
    # toolbox site: the static site's pages
    "site_name": "Research–territory partnerships",
    "site_nav": "Site navigation",
    "site_nav_list": "The tools",
    "site_nav_levels": "The scale and the rule",
    "site_nav_recommend": "My plan",
    "site_lang_name": "English",
    "site_skip": "Skip to content",
    "site_back": "← All the tools",
    "site_list_title": "Tools for partnerships between research and territories",
    "site_filters": "Filter the tools",
    "site_filter_all": "All",
    "site_filter_actor": "Initiative",
    "site_search": "Search for a tool",
    "site_search_off": (
        "Without JavaScript, your browser's find (Ctrl+F) looks for a word in the titles and "
        "summaries of this page."
    ),
    "site_none": "No tool matches.",
    "site_rec_title": "Which tools to start with?",
    "site_rec_intro": (
        "Answer these questions: the plan is shown below the form, and the page's address reopens "
        "it as it is (copy it to share it)."
    ),
    "site_q_actor": "Who are you?",
    "site_q_maturity": "How far has your partnership with the other sphere gone?",
    "site_q_goals": "What are you after? (one or more)",
    "site_q_staff_time": (
        "Does your organisation have staff time to give to a partnership? (optional)"
    ),
    "site_q_partner": "Do you have a partner in mind? (optional)",
    "site_q_partner_goals": "What is your partner after? (optional)",
    "site_q_skip": "No answer",
    "site_rec_submit": "Show my plan",
    "site_rec_js": "The plan is worked out in your browser: it needs JavaScript.",
    "site_rec_computing": "Computing the plan… (the engine is loading, a few seconds)",
    "site_rec_missing": "Answers missing:",
    "site_rec_failed": "The plan could not be worked out:",
    "site_rec_no_runtime": (
        "This site was built without the browser engine: the plan cannot be worked out here. Build "
        "it with “toolbox site DIR --pyodide node_modules/pyodide” after “npm install "
        "pyodide@{version}”, or run “toolbox recommend” in a terminal."
    ),
    "site_written": "Site written to {path}: {pages} pages, {files} files.",
    "site_no_runtime": (
        "Without --pyodide, the questionnaire computes no plan (recommend.html says how to get it)."
    ),
    "site_serving": "Preview at http://127.0.0.1:{port}/ (Ctrl-C to stop)",
    "site_stopped": "Preview stopped.",
    "site_pyodide_missing": (
        "{path} is not an npm pyodide package (no readable package.json); pyodide {version} is "
        "needed: npm install pyodide@{version}"
    ),
    "site_pyodide_version": (
        "{path} holds pyodide {found}, pyodide {version} is needed: npm install pyodide@{version}"
    ),
    "site_pyodide_file": "{path} lacks the pyodide package's file {file}: install it again.",
    "site_not_written": (
        "{path} has no site to serve (no index.html): write it first with “toolbox site {path}”."
    ),
    "site_not_dir": "{path} exists and is not a directory.",
    "site_write_failed": "Cannot write the site to {path}: {reason}",
}

PLURALS: dict[str, tuple[str, str]] = {
    "list_count": ("{count} of {total} tools", "{count} of {total} tools"),
    "search_count": ("{count} tool for '{query}'", "{count} tools for '{query}'"),
    "catalogue_invalid": ("the catalogue has {count} error:", "the catalogue has {count} errors:"),
    "valid": ("{count} valid card in {path}", "{count} valid cards in {path}"),
    "start": (
        "The best tool for your answers: start with it.",
        "The {count} best tools for your answers: pick one or two; the first fits best.",
    ),
    "left_out": (
        (
            "--limit {limit} leaves out {count} more tool that serves your goals less (--limit "
            "{all} shows them all)."
        ),
        (
            "--limit {limit} leaves out {count} more tools that serve your goals less (--limit "
            "{all} shows them all)."
        ),
    ),
    "deferred_left_out": (
        "--limit {limit} leaves out {count} more tool for later.",
        "--limit {limit} leaves out {count} more tools for later.",
    ),
    "site_count": ("{count} tool.", "{count} tools."),
}

HELP: dict[str, str] = {
    "app": (
        "Choose the right tools to build research-territory partnerships (from the INET toolbox, "
        "'Boîte à outils pour bâtir les partenariats entre recherche et territoires')."
    ),
    "lang": "Language: fr or en (default: $TOOLBOX_LANG, then the locale).",
    "cards_dir": (
        "Read the cards from DIR instead of the shipped ones; repeatable, for layered catalogues "
        "(default: $TOOLBOX_CARDS_DIR)."
    ),
    "json": "Print JSON for scripts.",
    "version": "Show the version.",
    "cmd_show": "Read one tool's card.",
    "show_card": "Card id, title (fr or en) or unique id prefix.",
    "cmd_list": "List the tools, optionally filtered.",
    "list_family": (
        "Only family N: 1 from the university to the territories, 2 from the territories to the "
        "university, 3 transfers of skills, 4 bridge tools; repeatable."
    ),
    "list_level": "Only cards at level N (1-5); repeatable.",
    "list_actor": "Only cards this actor takes up; repeatable.",
    "list_goal": "Only cards serving this goal; repeatable.",
    "cmd_search": (
        "Find a tool by words, in French or English, with or without accents (e.g. doctoral, "
        "procurement, living lab)."
    ),
    "search_query": "The words to look for (word beginnings match too).",
    "search_limit": "At most N results.",
    "no_cache": "Neither read nor write the index: check everything afresh.",
    "cmd_validate": "Check every card of a directory; exit 1 with every error if any.",
    "validate_dir": (
        "Cards directory, or several for layers (default: --cards-dir, then the shipped cards)."
    ),
    "cmd_schema": (
        "Print a JSON Schema: 'card' for card authors' editors, the others for scripts (what each "
        "command's --json writes)."
    ),
    "schema_kind": (
        "Which document: card (a card to write), recommendation, explanation (recommend "
        "--explain), show, list, levels, validate or search."
    ),
    "cmd_levels": "Show the partnership-intensity scale and the rule between its levels.",
    "cmd_recommend": "Answer a short questionnaire and get the tools to use first, and why.",
    "rec_actor": (
        "Who you are: local_authority, research, company, intermediary (French labels accepted: "
        "collectivite, recherche, entreprise, intermediaire)."
    ),
    "rec_maturity": (
        "The highest partnership intensity already practised with the other sphere, 0 (none yet) "
        "to 5."
    ),
    "rec_goal": (
        "What you are after (repeatable): outreach, mutual_knowledge, reflexivity, skills, "
        "funding, experimentation, legal_framework, capitalisation."
    ),
    "rec_staff_time": (
        "Optional: does your organisation have staff time for a partnership? yes or no. With no, "
        "tools a relay structure can take up rank higher."
    ),
    "rec_answers": "Replay the answers of a YAML or JSON file.",
    "rec_save": "Write the answers to FILE (YAML, or JSON if *.json).",
    "rec_force": "Replace the --save-answers file even if it is not an answers file.",
    "rec_limit": "At most N recommended tools.",
    "rec_format": (
        "text (for people), markdown, json, or html (one file to attach to a mail and print)."
    ),
    "rec_partner": (
        "Optional: your partner's kind (same values as --actor). The plan then keeps only the "
        "tools that concern you both; the maturity is the pair's."
    ),
    "rec_partner_goal": "What your partner is after (repeatable; same values as --goal).",
    "rec_explain": (
        "Explain, for one tool, whether it is recommended, deferred or left out, and why."
    ),
    # issue 10
    "cmd_new": (
        "Write a new card that validates, or with --extends a file that adds an example to a card; "
        "asks at a terminal for what the options do not give."
    ),
    "new_dir": "Directory to write into (default: the current directory).",
    "new_extends": "Add an example to this existing card (a file extensions/CARD.yaml).",
    "validate_format": "Output: text (for people), json, or github (GitHub Actions annotations).",
    # the command line's own options
    "help": "Show this help.",
    "install_completion": "Install completion for the current shell.",
    "show_completion": (
        "Show completion for the current shell, to copy it or customise the installation."
    ),
    # placeholders of option values (mv_<parameter name>), words rather than types
    "mv": "VALUE",
    "mv_lang": "fr|en",
    "mv_cards_dir": "DIR",
    "mv_cards_dir_option": "DIR",
    "mv_directory": "DIR",
    "mv_card": "CARD",
    "mv_explain": "CARD",
    "mv_query": "WORDS",
    "mv_kind": "card|recommendation|explanation|show|list|levels|validate|search",
    "mv_family": "1-4",
    "mv_level": "1-5",
    "mv_actor": "ACTOR",
    "mv_partner": "ACTOR",
    "mv_goal": "GOAL",
    "mv_partner_goal": "GOAL",
    "mv_maturity": "0-5",
    "mv_staff_time": "yes|no",
    "mv_answers_file": "FILE",
    "mv_save_answers": "FILE",
    "mv_limit": "N",
    "mv_output": "text|markdown|json|html",
    "mv_validate_format": "text|json|github",
    "mv_dir": "DIR",
    "mv_extends": "CARD",
    "mv_example_kind": "KIND",
    "mv_concerns": "ACTOR",
    "mv_initiative": "ACTOR",
    "mv_source": "SOURCE",
    "mv_card_id": "ID",
    "mv_title_fr": "TEXT",
    "mv_title_en": "TEXT",
    "mv_summary_fr": "TEXT",
    "mv_summary_en": "TEXT",
    "mv_section_fr": "TEXT",
    "mv_section_en": "TEXT",
    "mv_name_fr": "TEXT",
    "mv_name_en": "TEXT",
    "mv_description_fr": "TEXT",
    "mv_description_en": "TEXT",
    "mv_link": "URL",
    "no_pager": (
        "Do not page long output (default pager: $TOOLBOX_PAGER, then $PAGER, then less; only at a "
        "terminal)."
    ),
    "cmd_site": "Write a static site of the catalogue (cards, scale, list, questionnaire).",
    "site_out": "The folder to write the site to.",
    "site_pyodide": (
        "The unpacked npm pyodide package (pyodide 314.0.8, e.g. node_modules/pyodide): the "
        "questionnaire then computes the plan in the browser."
    ),
    "site_serve": "Serve the site already written on 127.0.0.1 (a free port; Ctrl-C stops).",
    "show_format": "text (for people), json, or html (one file to share and print).",
    "mv_show_format": "text|json|html",
    "mv_out": "DIR",
    "mv_pyodide": "PATH",
}

ISSUES: dict[str, str] = {
    "yaml_alias": "aliases (*name) are not allowed: write the value out",
    "yaml_anchor": "anchors (&name) are not allowed: write the value out",
    "yaml_merge": "merge keys (<<) are not allowed",
    "yaml_key_type": "field names must be plain text",
    "yaml_duplicate_key": "duplicate key '{key}'",
    "yaml_invalid": "invalid YAML: {problem}",
    "yaml_too_deep": "nested too deeply: at most {limit} levels",
    "yaml_several_documents": (
        "invalid YAML: only one YAML document per file (remove the extra '---')"
    ),
    "file_too_big": "file is {size} bytes; the limit is {limit} (256 KiB)",
    "not_utf8": "not UTF-8 text: save the file as UTF-8",
    "empty_file": "the file is empty: expected a mapping of fields (field: value)",
    "not_regular_file": "not a regular file but {kind}: refused without reading it",
    "outside_dir": "a link to a file outside the directory: refused without reading it",
    "bad_scalar": (
        "'{value}' cannot be read as {what} ({tag}): fix the value, or quote it if it is text"
    ),
    "yaml_too_many": "too many items: at most {limit} in one list or mapping",
    "number_too_big": "number too long: at most {limit} characters",
    "invisible_character": (
        "invisible character {char} is not allowed (two texts that look the same would differ): "
        "remove it"
    ),
    "control_character": (
        "control character {char} is not allowed (it could rewrite a terminal's display): remove it"
    ),
    "more_issues": "further errors in this file not shown: {count}",
    "duplicate_title": "duplicate title '{title}': also in {other}",
    "not_mapping": "expected a mapping (field: value) at the top level",
    "cannot_read": "cannot read the file: {reason}",
    "dir_missing": "no such directory",
    "dir_not_dir": "not a directory",
    "dir_unreadable": "cannot list: {reason}",
    "dir_empty": "no card files (*.yaml) found",
    "id_mismatch": "id '{card_id}' differs from the file name '{name}': they must match",
    "duplicate_id": "duplicate id '{card_id}': also in {other}",
    "bad_file_name": (
        "the file name must be the card id: a lowercase slug such as 'these-cifre.yaml'"
    ),
    "missing": "required field is missing",
    "unknown_field": "unknown field; expected one of: {allowed}",
    "expected_text": "expected text, got {kind}",
    "expected_text_quote": "expected text, got {kind}: quote it",
    "expected_text_bool": (
        "expected text, got true/false (YAML reads true/false as true/false): quote it, e.g. "
        '"false"'
    ),
    "expected_int": "expected a whole number, got {kind}",
    "expected_list": "expected a list, got {kind}",
    "expected_mapping": "expected a mapping (field: value), got {kind}",
    "out_of_bounds": "must be {low} to {high}, got {value}",
    "bad_link": "expected an http:// or https:// link, got {value}",
    "bad_slug": "expected a lowercase slug (letters, digits, single hyphens), got {value}",
    "empty_value": "must not be empty",
    "blank": "must not be blank",
    "multiline": "must be on one line",
    "too_long": "too long: at most {limit} characters",
    "not_one_of": "got {value}; expected {expected}",
    "unknown_term": "unknown {what} '{value}'; expected one of: {known}",
    "not_unique": "each {what} may appear only once",
    "initiative_not_concerned": "who takes the initiative ({actors}) must also be in concerns",
    "invalid": "{detail}",
    # layered catalogues (catalogue.yaml, extensions/)
    "layer_base_missing": (
        "the base catalogue '{base}' does not exist (neither 'shipped' nor a directory)"
    ),
    "layer_cycle": "the catalogues extend each other in a cycle: {chain}",
    "layer_duplicate_id": (
        "card '{card_id}' is already defined in {other}: to replace it, list it under 'replaces' "
        "in {manifest}"
    ),
    "layer_replaces_unknown": "'replaces' names '{card_id}', which no catalogue below defines",
    "layer_replaces_missing": "'replaces' names '{card_id}', but this catalogue has no file {name}",
    "layer_extends_unknown": "extends card '{card_id}', which no catalogue defines",
    "layer_duplicate_example": "example '{name}' of card '{card_id}' is already in {other}",
    "layer_vocabulary_drops": "{ids}: missing from the catalogue's vocabulary, {other}",
    # layered catalogues (catalogue.yaml, extensions/)
    "manifest_misspelled": "a catalogue's manifest is named {name}: rename this file {name}",
    "placeholder": "unfinished text ('{fr}' / '{en}'): replace it from the source",
}

WORDS: dict[str, str] = {
    "actor": "actor",
    "goal": "goal",
    "source": "source",
    "family": "family",
    "level": "level",
    "bool": "true/false",
    "null": "nothing (null)",
    "number": "a number",
    "date": "a date",
    "list": "a list",
    "mapping": "a mapping",
    "text": "text",
    "other": "another kind of value",
    "whole_number": "a whole number",
    "binary": "a binary value",
    "directory": "a directory",
    "fifo": "a named pipe (FIFO)",
    "device": "a device",
    "socket": "a socket",
    "other_file": "a special file",
    "did not find expected ',' or ']'": "did not find expected ',' or ']'",
    "did not find expected ',' or '}'": "did not find expected ',' or '}'",
    "mapping values are not allowed in this context": (
        "mapping values are not allowed in this context (quote a value that holds ': ')"
    ),
    "did not find expected key": "did not find expected key (check the indentation)",
    "did not find expected '-' indicator": (
        "did not find expected '-' indicator (check the indentation)"
    ),
    "found character that cannot start any token": (
        "found character that cannot start any token (a tab, '@' or '`'?)"
    ),
    "found unexpected end of stream": "found unexpected end of stream (a quote left open?)",
    "found unknown escape character": (
        "found unknown escape character (a backslash between double quotes)"
    ),
    "did not find expected <document start>": "did not find expected <document start>",
    "did not find expected node content": "did not find expected node content",
    "could not find expected ':'": "could not find expected ':'",
}

OS_REASONS: dict[str, str] = {
    "ENOENT": "No such file or directory",
    "EACCES": "Permission denied",
    "EPERM": "Operation not permitted",
    "EISDIR": "Is a directory",
    "ENOTDIR": "Not a directory",
    "ELOOP": "Too many levels of symbolic links",
    "ENAMETOOLONG": "File name too long",
    "ENOSPC": "No space left on device",
    "EDQUOT": "Disk quota exceeded",
    "EROFS": "Read-only file system",
    "EIO": "Input/output error",
    "EBUSY": "Device or resource busy",
    "EEXIST": "File exists",
    "EFBIG": "File too large",
}
