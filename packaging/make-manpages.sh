#!/usr/bin/env bash
# Writes OUT_DIR/latentlab.1.gz and OUT_DIR/latentlab-cli.1.gz from the programs' own --help texts, so the
# manual pages can never disagree with the help (the build runs this; the package installs the pages).
# Usage: make-manpages.sh LATENTLAB_CLI LATENTLAB OUT_DIR
set -euo pipefail
cli=$1 gui=$2 out=$3
mkdir -p "$out"
export OMP_WAIT_POLICY=PASSIVE QT_QPA_PLATFORM=offscreen
version=$("$cli" --version | awk '{print $NF}')

# Help text as roff: backslashes escaped, lines that roff would read as requests protected, kept as typed.
verbatim() {
  printf '.nf\n'
  sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"
  printf '.fi\n'
}

write_page() { # NAME: reads the page from stdin, writes NAME.1.gz atomically
  local tmp="$out/.$1.1.gz.tmp"
  gzip -9n >"$tmp"
  mv "$tmp" "$out/$1.1.gz"
}

{
  printf '.TH LATENTLAB-CLI 1 "" "LatentLab %s" "User Commands"\n' "$version"
  printf '.SH NAME\nlatentlab-cli \\- train, evaluate and compare disentangled representations without a display\n'
  printf '.SH SYNOPSIS\n.B latentlab-cli\n.I command\n[\\fIoptions\\fR]\n'
  printf '.SH DESCRIPTION\n'
  "$cli" --help | verbatim
  # One subsection per command, in the order the main help lists them: "  dataset generate   what it does".
  "$cli" --help | sed -n '/^Commands:/,/^$/p' | sed -n 's/^  \([a-z][a-z-]*\( [a-z][a-z-]*\)\?\)  .*/\1/p' | while read -r command; do
    printf '.SH "%s"\n' "$(tr '[:lower:]' '[:upper:]' <<<"$command")"
    # shellcheck disable=SC2086  # a command is one or two words
    "$cli" $command --help | verbatim
  done
  printf '.SH "EXIT STATUS"\n0 on success, 1 on any error (one sentence on standard error), 2 when no command is given,\n130 when cancelled.\n'
  printf '.SH "SEE ALSO"\n.BR latentlab (1)\n'
} | write_page latentlab-cli

{
  printf '.TH LATENTLAB 1 "" "LatentLab %s" "User Commands"\n' "$version"
  printf '.SH NAME\nlatentlab \\- desktop lab for disentangled representation learning\n'
  printf '.SH SYNOPSIS\n.B latentlab\n[\\fIoptions\\fR] [\\fIpath\\fR]\n'
  printf '.SH DESCRIPTION\n'
  "$gui" --help | sed "1s|^Usage: [^ ]*latentlab |Usage: latentlab |" | verbatim
  printf '.SH "SEE ALSO"\n.BR latentlab-cli (1)\n'
} | write_page latentlab
