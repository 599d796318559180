import { describe, expect, it } from 'vitest';
import { nextAfter } from './next-item.ts';

type Item = { id: string; done: boolean };
const items: Item[] = [
	{ id: 'a', done: false },
	{ id: 'b', done: true },
	{ id: 'c', done: true },
	{ id: 'd', done: false }
];
const open = (id: string) => (i: Item) => i.id === id;
const done = (i: Item) => i.done;

describe('the next item a queue offers', () => {
	it('offers nothing while nothing is open or the open item is unfinished', () => {
		expect(nextAfter(items, null, done)).toBeUndefined();
		expect(nextAfter(items, open('a'), done)).toBeUndefined();
	});

	it('offers the first unfinished item after the finished one, wrapping round', () => {
		// After b: c is done, d is not → d. After c: d. Nothing after d is open → wrap to a.
		expect(nextAfter(items, open('b'), done)?.id).toBe('d');
		expect(nextAfter(items, open('c'), done)?.id).toBe('d');
		const wrap = [...items.slice(0, 3), { id: 'd', done: true }];
		expect(nextAfter(wrap, open('d'), done)?.id).toBe('a');
	});

	it('offers the first unfinished item when the open one left the list, null when none is left', () => {
		expect(nextAfter(items, open('gone'), done)?.id).toBe('a');
		expect(
			nextAfter(
				items.map((i) => ({ ...i, done: true })),
				open('b'),
				done
			)
		).toBeNull();
	});
});
