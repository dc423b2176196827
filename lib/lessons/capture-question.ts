import { capturePoints, probePath } from "../capture/points";
import type { CapturedPacket, PacketLayer, TraceResult } from "../capture/types";
import { type Text, t } from "../i18n/text";
import type { Topology } from "../topology/schema";
import type { CaptureQuestion } from "./schema";

/**
 * A lesson question about what the packets show ("which VLAN id does the frame carry on the wire?"),
 * checked against what was really captured, never against a value written in the lesson: the
 * answer is right when a packet seen at the question's point carries it in the asked field. Pure.
 */

/** A question as the dashboard shows it in one language. */
export type CaptureQuestionView = {
  trace: CaptureQuestion["trace"];
  at: string;
  proto: string;
  field: string;
  text: string;
  /** Answers to pick from; none means the student types the value. */
  choices: string[];
};

/** The question in `locale` (sentences picked by the caller, which folds Chinese line breaks). */
export function questionView(question: CaptureQuestion, text: string): CaptureQuestionView {
  return {
    trace: question.trace,
    at: question.at,
    proto: question.proto,
    field: question.field,
    text,
    choices: (question.choices ?? []).map(String),
  };
}

/** The layers seen at the question's point: a trace's hop there (the request's layers), or captured packets there. */
export function layersAt(source: TraceResult | readonly CapturedPacket[], at: string): PacketLayer[][] {
  if ("hops" in source) return source.hops.filter((hop) => hop.at === at).map((hop) => hop.layers);
  return source.filter((packet) => packet.at === at).map((packet) => packet.layers);
}

/** Every value the asked field takes at the point, in first-seen order. */
export function seenValues(
  question: Pick<CaptureQuestion, "proto" | "field">,
  layers: readonly PacketLayer[][],
): string[] {
  const values: string[] = [];
  for (const packet of layers)
    for (const layer of packet)
      if (layer.proto === question.proto && layer[question.field] !== undefined) {
        const value = String(layer[question.field]);
        if (!values.includes(value)) values.push(value);
      }
  return values;
}

/** How an answer fared: right or wrong against the capture, or `unseen` when nothing captured has the field (not judged). */
export type QuestionVerdict = { verdict: "right" | "wrong" | "unseen"; seen: string[] };

/** Numbers compare as numbers (`0x10` and `16`, `010` and `10`); anything else by its trimmed, lowercased text. */
function sameValue(a: string, b: string): boolean {
  const x = a.trim().toLowerCase();
  const y = b.trim().toLowerCase();
  const number = (value: string) => (/^(0x[0-9a-f]+|\d+)$/.test(value) ? Number(value) : Number.NaN);
  const [p, q] = [number(x), number(y)];
  return Number.isNaN(p) || Number.isNaN(q) ? x === y : p === q;
}

/** Judges the student's answer against the values captured at the question's point. */
export function checkAnswer(
  question: Pick<CaptureQuestion, "at" | "proto" | "field">,
  source: TraceResult | readonly CapturedPacket[],
  answer: string,
): QuestionVerdict {
  const seen = seenValues(question, layersAt(source, question.at));
  if (seen.length === 0) return { verdict: "unseen", seen };
  return { verdict: seen.some((value) => sameValue(value, answer)) ? "right" : "wrong", seen };
}

/**
 * Where a question does not fit its design: the traced containers must exist, and its point must be
 * one of the design's capture points on the lab and on the traced probe's expected path.
 */
export function questionProblems(question: CaptureQuestion, topology: Topology): Text[] {
  const { from, to } = question.trace;
  const path = probePath(topology, from, to, { lab: true });
  if ("error" in path) return [t`the trace's containers: ${path.error}`];
  if (!capturePoints(topology, { lab: true }).some((point) => point.id === question.at))
    return [t`no capture point '${question.at}' in the design`];
  if (!path.points.includes(question.at))
    return [t`'${question.at}' is not on the path of ${from} → ${to} (${path.points.join(", ")})`];
  return [];
}
