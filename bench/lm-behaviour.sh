#!/usr/bin/env bash
# Real behaviour of the language-model trainers, end to end with the CLI on generated data (issue 4):
# a 5m-preset GPT pretrained on general text plus the math task's raw text (never its answer format),
# its format adherence and accuracy on held-out math problems before and after SFT on 1,000 demonstrations.
# Usage: bench/lm-behaviour.sh [OUT_DIR] [PRETRAIN_STEPS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="${1:-out/lm-behaviour}"
steps="${2:-400}"
mkdir -p "$out"
f() { ./frugal "$@"; }

f lm corpus --docs 20000 --seed 1 --out "$out/corpus.txt" --overwrite
f tasks make --task math --kind raw --n 5000 --seed 1 --out "$out/math-raw.jsonl" --overwrite
f tasks make --task math --kind sft --n 1000 --seed 2 --out "$out/math-sft.jsonl" --overwrite
f tasks make --task math --kind eval --n 100 --seed 3 --out "$out/math-eval.jsonl" --overwrite

echo "== pretrain (5m preset, context 256, $steps steps of 16 sequences, REX)"
f lm pretrain --corpus "$out/corpus.txt" --corpus "$out/math-raw.jsonl" --out "$out/base" --overwrite \
  --preset 5m --batch-size 16 --full-steps "$steps" --eval-every 100 --json | tail -1

for model in base sft; do
  if [ "$model" = sft ]; then
    echo "== sft (1,000 math demonstrations, completion-only loss)"
    f sft --model "$out/base" --data "$out/math-sft.jsonl" --out "$out/sft" --overwrite \
      --epochs 2 --lr 1e-3 --json | tail -1
  fi
  for verifier in final-answer-format final-answer; do
    echo "== eval $model $verifier"
    f eval --model "$out/$model" --data "$out/math-eval.jsonl" --verifier "$verifier" --max-tokens 80 \
      --out "$out/$model-$verifier.jsonl" --overwrite --json | tail -1
  done
done
