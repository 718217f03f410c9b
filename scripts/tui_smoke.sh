#!/usr/bin/env bash
# Drive the real terminal UI in a real terminal (tmux), as a person would: type keys, read the screen.
#
#   scripts/tui_smoke.sh            uses `portfolio` from PATH
#   PORTFOLIO="python -m portfolio" scripts/tui_smoke.sh
#
# Flows checked, in English at 120x40: the table fills, search narrows it, a new project is added
# through the form (a commit appears), its status is changed (a commit appears), its history shows
# both commits, the region view and help open, a file written outside the UI shows up after `r`,
# sync with a conflict is decided in the UI (another clone pushed a different status and budget of
# the same project: `r` fetches and counts 1 to push and 1 to receive, `S` opens the conflict
# screen, theirs and mine are chosen by keyboard, ctrl+s pushes the merge, and git on the bare
# remote shows the merge commit, its message and exactly the chosen values), and `q` quits. Then at 80x24 and 120x40, in German and in English: every key of the key bar is
# visible (help, quit and the palette with their words), the form's Cancel button is on the screen
# and a form with a typed title asks before it is thrown away, and the region matrix keeps its
# municipality column when scrolled right to the last field. Exit 0 when all pass; on a failure the
# screen is printed and the exit status is 1. Needs tmux and git; uses its own HOME and portfolio.
set -euo pipefail

PORTFOLIO=${PORTFOLIO:-portfolio}
WORK=$(mktemp -d)
SESSION="portfolio-smoke-$$"
KEEPER="$SESSION-keeper"
trap 'tmux kill-session -t "$SESSION" 2>/dev/null || true; tmux kill-session -t "$KEEPER" 2>/dev/null || true; rm -rf "$WORK"' EXIT

export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" GIT_CONFIG_GLOBAL="$WORK/home/.gitconfig" GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME"
printf '[user]\n\tname = Smoke Tester\n\temail = smoke@example.org\n[init]\n\tdefaultBranch = main\n' > "$GIT_CONFIG_GLOBAL"
unset GIT_DIR GIT_WORK_TREE PORTFOLIO_REPO GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL

ROOT="$WORK/portfolio"
$PORTFOLIO init --example "$ROOT" >/dev/null
TOTAL=$(find "$ROOT/projects" -name '*.toml' | wc -l | tr -d ' ')

screen() { tmux capture-pane -p -t "$SESSION"; }

fail() {
    echo "FAIL: $*" >&2
    echo "----- screen -----" >&2
    screen >&2 || true
    exit 1
}

# Wait (up to 20 s) until one line of the screen shows both texts (a table row).
wait_for_row() {
    local first=$1 second=$2 deadline=$((SECONDS + 20))
    while ((SECONDS < deadline)); do
        if screen | grep -F -- "$first" | grep -qF -- "$second"; then return 0; fi
        sleep 0.2
    done
    fail "no line of the screen showed both: $first / $second"
}

# Wait (up to 20 s) until the screen shows TEXT.
wait_for() {
    local text=$1 deadline=$((SECONDS + 20))
    while ((SECONDS < deadline)); do
        if screen | grep -qF -- "$text"; then return 0; fi
        sleep 0.2
    done
    fail "the screen never showed: $text"
}

# Whether the screen shows TEXT within SECONDS (no failure: the caller decides).
shows_within() {
    local text=$1 deadline=$((SECONDS + $2))
    while ((SECONDS < deadline)); do
        if screen | grep -qF -- "$text"; then return 0; fi
        sleep 0.2
    done
    return 1
}

# Wait (up to 20 s) until the screen no longer shows TEXT: a closing screen takes a key meant for
# the one below it until it is gone.
wait_gone() {
    local text=$1 deadline=$((SECONDS + 20))
    while ((SECONDS < deadline)); do
        if ! screen | grep -qF -- "$text"; then settled; return 0; fi
        sleep 0.2
    done
    fail "the screen still showed: $text"
}

# Wait until the screen has stopped changing (three equal looks 120 ms apart, at most 3 s): on a
# loaded machine the app may take longer than one look to start repainting after a key.
settled() {
    local before after deadline=$((SECONDS + 3))
    local same=0
    before=$(screen)
    while ((SECONDS < deadline)); do
        sleep 0.12
        after=$(screen)
        if [[ $after == "$before" ]]; then
            ((++same >= 2)) && return 0
        else
            same=0
        fi
        before=$after
    done
}

# One key at a time, looking at the screen in between, as a person types: Textual routes a key to
# the widget focused when the key arrives, so a burst of Tab Tab Space would reach the old widget
# before the focus has moved.
keys() {
    local key
    for key in "$@"; do
        tmux send-keys -t "$SESSION" "$key"
        # After ESC a terminal app waits to tell a lone Escape from Alt+key: pause longer.
        if [[ $key == Escape ]]; then sleep 0.4; else sleep 0.05; fi
        settled
    done
}

typed() { tmux send-keys -t "$SESSION" -l -- "$1"; }
last_subject() { git -C "$ROOT" log -1 --format=%s; }

# --- sync with a conflict -----------------------------------------------------------------------

REMOTE="$WORK/remote.git"
THEIRS="$WORK/theirs"
SYNC_ID="radverkehrszaehlung-rheine"  # an example project; both clones change its status and budget
SYNC_FILE="projects/$SYNC_ID.toml"

# A bare remote with this portfolio on main, and a second clone that pushes status=operation and
# budget_eur=50000; this clone (the UI's) commits status=on_hold and budget_eur=75000, not pushed.
make_conflicting_clones() {
    # The file of flow 7 was written but not committed; sync wants a clean clone.
    git -C "$ROOT" add -- projects/von-aussen.toml
    git -C "$ROOT" commit -q -m "Add project von-aussen" -- projects/von-aussen.toml
    git init -q --bare "$REMOTE"
    git -C "$ROOT" remote add origin "$REMOTE"
    git -C "$ROOT" push -q -u origin main
    git clone -q "$REMOTE" "$THEIRS"
    $PORTFOLIO --repo "$THEIRS" set "$SYNC_ID" status=operation budget_eur=50000 >/dev/null
    git -C "$THEIRS" push -q
    $PORTFOLIO --repo "$ROOT" set "$SYNC_ID" status=on_hold budget_eur=75000 >/dev/null
}

# r fetches: the status line counts 1 to push and 1 to receive; S finds the conflict and opens the
# conflict screen. By keyboard only: its first choice (status) has focus with "mine" highlighted,
# Down and Space take theirs; Tab goes to the next choice (budget), Space takes mine; ctrl+s
# commits the merge and pushes. Then git must show the merge on the remote with the chosen values.
sync_with_a_conflict() {
    make_conflicting_clones
    local mine theirs
    mine=$(git -C "$ROOT" rev-parse HEAD)
    theirs=$(git -C "$THEIRS" rev-parse HEAD)
    keys r
    wait_for "main: 1 to push, 1 to receive (origin/main)"
    keys S
    wait_for "Mine: main · theirs: origin/main."
    wait_for "$SYNC_ID · Status"
    wait_for "$SYNC_ID · Budget"
    wait_for "mine:   On hold"
    wait_for "theirs: Operation"
    # The keys below choose by position: the conflicts come in the order of the fields.
    [[ "$(screen | grep -o "$SYNC_ID · [A-Za-z]*" | head -n 1)" == "$SYNC_ID · Status" ]] \
        || fail "the first conflict on the screen is not the status"
    keys Down Space  # status: "mine" is highlighted; Down highlights "theirs", Space takes it
    keys Tab Space   # budget: the next choice; Space takes the highlighted "mine"
    keys C-s
    wait_for "Status of $SYNC_ID: theirs (Operation)"  # the message that says what was committed
    wait_for "Budget of $SYNC_ID: mine (€75,000)"
    wait_for "main: up to date with origin/main"  # nothing to push, nothing to receive
    [[ "$(git -C "$REMOTE" rev-parse main)" == "$(git -C "$ROOT" rev-parse HEAD)" ]] || fail "the remote's main is not this clone's HEAD"
    [[ "$(git -C "$REMOTE" log -1 --format=%P main)" == "$mine $theirs" ]] || fail "the remote's head is not the merge of both sides: $(git -C "$REMOTE" log -1 --format=%P main)"
    local message expected
    message=$(git -C "$REMOTE" log -1 --format=%B main)
    expected=$(printf 'Merged origin/main into main: 2 conflicts decided\n\nStatus of %s: theirs (Operation)\nBudget of %s: mine (€75,000)' "$SYNC_ID" "$SYNC_ID")
    [[ $message == "$expected" ]] || fail "the merge commit's message is: $message"
    # Exactly their file, with my budget: nothing else changed on either side.
    diff <(git -C "$REMOTE" show "main:$SYNC_FILE") \
        <(sed 's/^budget_eur = 50000$/budget_eur = 75000/' "$THEIRS/$SYNC_FILE") >&2 \
        || fail "the remote's $SYNC_FILE does not have exactly the chosen values"
    [[ -z "$(git -C "$ROOT" status --porcelain)" ]] || fail "the clone is not clean after the sync: $(git -C "$ROOT" status --porcelain)"
}

# A session that outlives the others: killing the last session ends the tmux server, and a session
# started right after it can reach the server while it is going away ("server exited unexpectedly").
tmux new-session -d -s "$KEEPER" "sleep 600"
tmux new-session -d -s "$SESSION" -x 120 -y 40 -c "$ROOT" \
    "env TERM=xterm-256color COLORTERM=truecolor PORTFOLIO_LANG=en $PORTFOLIO; echo EXITED; sleep 30"

echo "1. the table fills"
wait_for "$TOTAL of $TOTAL projects"

echo "2. search narrows the table; escape clears it"
keys /
typed "mobilitat"
wait_for "of $TOTAL projects · filtered"
screen | grep -q "^.*[0-9]* of $TOTAL projects" || fail "no status line"
keys Enter Escape
wait_for "$TOTAL of $TOTAL projects"

echo "3. a new project through the form makes a commit"
keys n
wait_for "New project"
typed "Tmux Testprojekt"
wait_for "tmux-testprojekt"
# title -> id -> summary -> module -> status -> municipalities (space picks) -> fields of action (space picks)
keys Tab Tab Tab Tab Tab Space Tab Space
keys C-s
wait_for_row "tmux-testpro" "Tmux Test"  # the id may end in an ellipsis: the title has the room
[[ "$(last_subject)" == "Add project tmux-testprojekt: Tmux Testprojekt" ]] || fail "last commit is: $(last_subject)"
[[ -f "$ROOT/projects/tmux-testprojekt.toml" ]] || fail "projects/tmux-testprojekt.toml was not written"
wait_for "$((TOTAL + 1)) of $((TOTAL + 1)) projects"

echo "4. change its status with a digit and Enter"
keys s
wait_for "Status of tmux-testprojekt"
keys 3
wait_for "Status of tmux-testprojekt: Idea → Planning"
keys Enter
wait_for_row "Status " "Planning (planning)"  # in the detail pane of the highlighted project
[[ "$(last_subject)" == "Status of tmux-testprojekt: Idea → Planning" ]] || fail "last commit is: $(last_subject)"
grep -q '^status = "planning"' "$ROOT/projects/tmux-testprojekt.toml" || fail "status not written"

echo "5. the history of the project: two commits, the status change on top"
keys h
wait_for "tmux-testprojekt: 2 changes"

echo "6. region view and help"
keys m
wait_for "Projects per municipality"
keys t  # the statistics, in the matrix's place when both do not fit side by side
wait_for "Projects per status"
keys Escape
wait_for "of $((TOTAL + 1)) projects"
keys ?
wait_for "What it does"
keys Escape

echo "6b. E exports the table as shown: the CSV is written where the dialog says"
keys E
wait_for "Export all projects"
keys Tab
# The path: empty it, then type one of ours. On a loaded machine the dialog's field was once not
# ready for the first keys (the path never showed): type it again, at most twice more.
for _attempt in 1 2 3; do
    tmux send-keys -t "$SESSION" C-u
    typed "$ROOT/../smoke-export.csv"
    if shows_within "smoke-export.csv" 6; then break; fi
done
wait_for "smoke-export.csv"
keys Enter
wait_for "Wrote "
[[ -s "$ROOT/../smoke-export.csv" ]] || fail "the export was not written"
head -c 40 "$ROOT/../smoke-export.csv" | grep -q "ID;Title;Module;Status" || fail "the export's header is wrong"

echo "7. a file written outside the UI appears after r"
cat > "$ROOT/projects/von-aussen.toml" <<'TOML'
title = "Von außen geschrieben"
module = 2
status = "idea"
municipalities = [
    "rheine",
]
fields_of_action = [
    "verwaltung",
]
TOML
keys r
wait_for "$((TOTAL + 2)) of $((TOTAL + 2)) projects"

echo "8. sync: a conflict with another clone is decided in the UI, field by field"
sync_with_a_conflict

echo "9. q quits"
keys q
wait_for "EXITED"
tmux kill-session -t "$SESSION"

# --- every size and language --------------------------------------------------------------------

# Texts per language: the count (N: the number of projects), the key bar's words, the form, the confirmation, the matrix.
declare -A TEXT_en=(
    [count]="N of N projects" [help]="? Help" [quit]="q Quit" [palette]="^p Commands"
    [form]="New project" [cancel]="Cancel" [discard]="Discard your changes?"
    [matrix]="Projects per municipality" [last_field]="People"
)
declare -A TEXT_de=(
    [count]="N von N Projekten" [help]="? Hilfe" [quit]="q Beenden" [palette]="^p Befehle"
    [form]="Neues Projekt" [cancel]="Abbrechen" [discard]="Änderungen verwerfen?"
    [matrix]="Projekte je Kommune" [last_field]="Mensch"
)
KEY_BAR_KEYS=("/" "esc" "n" "e" "s" "x" "d" "h" "m" "E" "r" "S" "?" "q" "^p")
FIRST_MUNICIPALITY="Altenberge"

sized_pass() {
    local lang=$1 width=$2 height=$3
    local -n text="TEXT_$lang"
    echo "10. $lang at ${width}x${height}"
    tmux new-session -d -s "$SESSION" -x "$width" -y "$height" -c "$ROOT" \
        "env TERM=xterm-256color COLORTERM=truecolor PORTFOLIO_LANG=$lang $PORTFOLIO; echo EXITED; sleep 30"
    TOTAL_NOW=$(find "$ROOT/projects" -name '*.toml' | wc -l | tr -d ' ')
    wait_for "${text[count]//N/$TOTAL_NOW}"
    local bar
    bar=$(screen | tail -n 1)
    for key in "${KEY_BAR_KEYS[@]}"; do
        [[ " $bar " == *" $key "* ]] || fail "$lang ${width}x${height}: the key bar lacks $key: $bar"
    done
    for words in "${text[help]}" "${text[quit]}" "${text[palette]}"; do
        [[ $bar == *"$words"* ]] || fail "$lang ${width}x${height}: the key bar lacks '$words': $bar"
    done
    keys n
    wait_for "${text[form]}"
    wait_for "${text[cancel]}"
    typed "Nicht speichern"
    keys Escape
    wait_for "${text[discard]}"
    keys Escape  # keep editing: the title is still there
    wait_for "Nicht speichern"
    keys Escape Tab Enter  # again, and this time discard
    wait_gone "${text[form]}"
    wait_for "${text[count]//N/$TOTAL_NOW}"
    keys m
    wait_for "${text[matrix]}"
    keys Right Right Right Right Right Right Right Right
    wait_for "${text[last_field]}"
    screen | grep -q "^ $FIRST_MUNICIPALITY " || fail "$lang ${width}x${height}: the municipality column scrolled away"
    keys Escape q
    wait_for "EXITED"
    tmux kill-session -t "$SESSION"
}

for lang in de en; do
    for size in 80x24 120x40; do
        sized_pass "$lang" "${size%x*}" "${size#*x}"
    done
done
echo "all flows passed"
