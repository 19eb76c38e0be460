/**
 * A small flow for the graph exporters: every node kind, a destructive step behind a gate, a node
 * called `end` (a Mermaid keyword) and one called `node` (a DOT keyword), hyphenated ids, and text
 * with quotes, brackets, Japanese, backslashes, HTML, Mermaid syntax and terminal escape sequences.
 */
import {expect} from 'vitest';
import {loadFlowText} from '../../source/flow/load-flow.js';
import * as v from 'valibot';
import {parse} from 'yaml';
import {type Flow, FlowSchema} from '../../source/flow/schema.js';

export const EXPORT_FLOW_YAML = String.raw`
id: export-test
version: "1.0.0"
title:
  ja: 「サインイン」の "テスト" フロー
  en: The "sign-in" [test] flow
languages: [ja, en]
start: os-build
nodes:
  os-build:
    kind: detect
    title: {ja: ビルドを確認, en: Check the build}
    text: {ja: ビルド番号を調べます。, en: Looks at the build number.}
    facts: [os.build, hotfixes]
    rules:
      - when:
          - {fact: os.build, gte: "26100.7627"}
          - {fact: hotfixes, contains: KB5074109}
        next: symptom
      - when: [{fact: os.build, lt: "26100.7627"}]
        next: end
    otherwise: symptom
  symptom:
    kind: question
    title:
      ja: "症状は？ ${'`'}md${'`'}"
      en: "#35; <b>b</b> $$x$$ %%{init: {}}%% ${'`'}md${'`'}"
    text:
      ja: "どの症状ですか？\n「画面」が [黒い] ままですか"
      en: "Which symptom?\nDoes the \"screen\" stay [black]?"
    choices:
      - id: black
        label: {ja: "黒い画面 \"A\" [1]", en: "Black screen \"A\" [1] (x) {y} -->|z|"}
        next: reset-gate
      - id: fine
        label: {ja: 問題なし, en: It works -> done; end}
        next: end
  reset-gate:
    kind: gate
    title: {ja: バックアップの確認, en: Back up first}
    text: {ja: リセットの前に確認してください。, en: Confirm before the reset.}
    items:
      - {id: backup, text: {ja: バックアップ済み, en: I have a backup}}
      - {id: saved, text: {ja: 保存済み, en: My work is saved}}
    next: reset
    cancel: end
  reset:
    kind: step
    destructive: true
    title:
      ja: 'プロファイル C:\Users\ を削除'
      en: "\e[31mDelete\e[0m C:\\Users\\\e]52;c;ZXZpbA==\a\u009b2J\u202e"
    text: {ja: プロファイルを削除します。, en: Deletes the profile.}
    next: node
  node:
    kind: end
    outcome: recovery
    text:
      ja: "\n復旧の手順に従います。\n二行目"
      en: "\nFollow the recovery steps.\nSecond line"
  end:
    kind: end
    outcome: resolved
    title: {ja: 完了, en: Done}
    text: {ja: 解決しました。, en: Resolved.}
`;

/** The exporters escape what they are given, even text validate refuses (W365E041: the escape
 * sequences in reset's title): so the flow is refused for that alone, and used as parsed. */
export function exportFlow(): Flow {
	const {findings} = loadFlowText(EXPORT_FLOW_YAML, 'export-test.yaml');
	expect(findings.map((finding) => finding.code)).toEqual(['W365E041']);
	return v.parse(FlowSchema, parse(EXPORT_FLOW_YAML));
}
