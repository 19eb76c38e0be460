/**
 * A large, valid flow written the way real flows are (block style, every text in ja and en,
 * a KB number and a build in each question so the cross-language check has work to do): each
 * node a question with two choices, for the benchmark and the loader's tests. The questions form
 * a binary tree: question i leads to questions 2i+1 and 2i+2, and past the last question to the
 * one end.
 *
 * `oneFinding`: the same flow with a single mistake near its end (the last question's English
 * text names another build than its Japanese text: W365E029), to compare what validating a flow
 * with findings costs against the clean one.
 */
export function generateFlow(nodes: number, {oneFinding = false} = {}): string {
	const questions = Math.max(nodes - 1, 1);
	const target = (index: number) => (index < questions ? `q${index}` : 'done');
	const lines = [
		'# yaml-language-server: $schema=./flow.schema.json',
		`id: generated-${nodes}`,
		'version: "1.0.0"',
		'title:',
		'  ja: 生成されたフロー',
		'  en: Generated flow',
		'languages: [ja, en]',
		'start: q0',
		'review-by: "2027-05-25"',
		'nodes:',
	];
	for (let index = 0; index < questions; index++) {
		const build = oneFinding && index === questions - 1 ? '26100.7624' : '26100.7623';
		lines.push(
			`  q${index}:`,
			'    kind: question',
			'    text:',
			`      ja: 質問 ${index} — KB5074109 の後、ビルド 26100.7623 でサインインできますか？`,
			`      en: Question ${index} — after KB5074109, can you sign in on build ${build}?`,
			'    choices:',
			'      - id: "yes"',
			'        label:',
			'          ja: はい',
			'          en: "Yes"',
			`        next: ${target(2 * index + 1)}`,
			'      - id: "no"',
			'        label:',
			'          ja: いいえ',
			'          en: "No"',
			`        next: ${target(2 * index + 2)}`,
		);
	}
	lines.push(
		'  done:',
		'    kind: end',
		'    outcome: resolved',
		'    text:',
		'      ja: |-',
		'        完了しました。',
		'        お疲れさまでした。',
		'      en: |-',
		'        Done.',
		'        Thank you.',
		'',
	);
	return lines.join('\n');
}
