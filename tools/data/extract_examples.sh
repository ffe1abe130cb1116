#!/usr/bin/env bash
# Extracts rnn4j's example data sets from Debian packages into examples/data/.
#
# rnn4j never downloads data at run time; these files are committed. Rerun this script to
# reproduce them (outputs are deterministic for the package versions listed in
# examples/data/README.md):
#
#   sudo apt-get update && sudo apt-get install -y --no-install-recommends \
#       r-base-core r-cran-modeldata r-cran-janeaustenr r-cran-timedate python3
#   bash tools/data/extract_examples.sh            # writes examples/data/
#   bash tools/data/extract_examples.sh /tmp/out   # or another folder
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$root/examples/data}"
mkdir -p "$out"

for tool in Rscript python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "extract_examples.sh: '$tool' not found; install r-base-core, r-cran-modeldata, r-cran-janeaustenr, r-cran-timedate and python3 (see the header of this script)" >&2
    exit 2
  fi
done

OUT="$out" Rscript "$here/extract_examples.R"
python3 "$here/make_date_pairs.py" --seed 20261123 --out "$out"

echo "example data written to $out:"
(cd "$out" && wc -c -- *.csv *.txt | sed 's/^/  /')
