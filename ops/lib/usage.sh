# Argument checks shared by the ops/ scripts; sourced after `cd` to the repository's root.
# A script's usage is its own opening comment (the lines after `#!`), so it is written once.

usage() {
  sed -n '2,/^[^#]/s/^# \{0,1\}//p' "ops/$(basename "$0")"
}

# check_options KNOWN_OPTION... -- "$@"
# Answers --help or -h with the usage (exit 0); refuses any other option it is not given as known
# (exit 2, usage on stderr), before the script has changed anything.
check_options() {
  local known=() arg
  while [ $# -gt 0 ] && [ "$1" != -- ]; do known+=("$1"); shift; done
  shift
  for arg in "$@"; do
    case "$arg" in
      -h|--help) usage; exit 0 ;;
      -*)
        if [[ " ${known[*]} " != *" $arg "* ]]; then
          echo "ops/$(basename "$0"): unknown option $arg" >&2
          echo >&2
          usage >&2
          exit 2
        fi ;;
    esac
  done
}
