#!/bin/sh
# Fails, naming the files, when a C++ file under src/ or tests/ differs from what the committed
# .clang-format makes of it. Fix with: clang-format-14 -i FILE...
clang_format=${1:-clang-format-14}
bad=$(find src tests -name '*.cpp' -o -name '*.h' | sort | while read -r f; do
    "$clang_format" --dry-run -Werror "$f" >/dev/null 2>&1 || echo "$f"
done)
if [ -n "$bad" ]; then
    echo "These files are not formatted with .clang-format (run $clang_format -i on them):"
    echo "$bad"
    exit 1
fi
echo "all C++ files under src/ and tests/ are formatted"
