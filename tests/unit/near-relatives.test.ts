import { describe, expect, it } from 'vitest';
import type { HouseholdRelation } from '../../db/schema/index.js';
import { areNearRelatives, nearRelativePairs, type RelationFacts } from '../../functions/residents/near-relatives.js';

/** Two people of one household, by their relation to its head. */
const household = (a: HouseholdRelation, b: HouseholdRelation, sameHousehold = true): RelationFacts => ({
  declared: [],
  households: new Map([
    ['a', { householdId: 'h1', householdRelation: a }],
    ['b', { householdId: sameHousehold ? 'h1' : 'h2', householdRelation: b }],
  ]),
});

describe('areNearRelatives by the household (relations to the head, as on the 户口簿)', () => {
  it.each([
    ['head', 'spouse'],
    ['head', 'child'],
    ['head', 'parent'],
    ['head', 'sibling'],
    ['head', 'grandchild'],
    ['head', 'grandparent'],
    ['child', 'child'],
    ['sibling', 'sibling'],
    ['parent', 'parent'],
    ['spouse', 'child'],
    ['spouse', 'grandchild'],
    ['child', 'parent'],
    ['parent', 'sibling'],
  ] as const)('reads a %s and a %s of one household as near relatives, either way round', (a, b) => {
    expect(areNearRelatives('a', 'b', household(a, b))).toBe(true);
    expect(areNearRelatives('b', 'a', household(a, b))).toBe(true);
  });

  it.each([
    ['head', 'child_in_law', 'an in-law is no near relative'],
    ['head', 'other', 'the 户口簿 says nothing'],
    ['spouse', 'parent', 'parents-in-law'],
    ['spouse', 'sibling', 'siblings-in-law'],
    ['child', 'grandchild', 'parent, or uncle or aunt'],
    ['grandchild', 'grandchild', 'siblings or cousins'],
    ['grandparent', 'grandparent', 'one couple or both sides'],
    ['child', 'sibling', 'nephew and uncle'],
    ['child_in_law', 'child', 'spouse of this child or of another'],
  ] as const)('does not guess a %s and a %s (%s)', (a, b, _why) => {
    expect(areNearRelatives('a', 'b', household(a, b))).toBe(false);
  });

  it('reads nothing across households, or where a relation is not known', () => {
    expect(areNearRelatives('a', 'b', household('head', 'spouse', false))).toBe(false);
    const facts: RelationFacts = {
      declared: [],
      households: new Map([
        ['a', { householdId: 'h1', householdRelation: 'head' }],
        ['b', { householdId: 'h1', householdRelation: null }],
        ['c', { householdId: null, householdRelation: null }],
        ['d', { householdId: null, householdRelation: null }],
      ]),
    };
    expect(areNearRelatives('a', 'b', facts)).toBe(false);
    expect(areNearRelatives('c', 'd', facts)).toBe(false);
  });
});

describe('areNearRelatives by a declared relation', () => {
  const facts: RelationFacts = { declared: [{ residentId: 'a', relatedResidentId: 'b', relation: 'sibling' }], households: new Map() };
  it('counts it either way round', () => {
    expect(areNearRelatives('a', 'b', facts)).toBe(true);
    expect(areNearRelatives('b', 'a', facts)).toBe(true);
  });
  it('counts nobody else, and nobody as their own relative', () => {
    expect(areNearRelatives('a', 'c', facts)).toBe(false);
    expect(areNearRelatives('a', 'a', facts)).toBe(false);
  });
});

describe('nearRelativePairs', () => {
  it('lists each related pair once', () => {
    const facts: RelationFacts = {
      declared: [{ residentId: 'c', relatedResidentId: 'a', relation: 'spouse' }],
      households: new Map([
        ['a', { householdId: 'h1', householdRelation: 'head' }],
        ['b', { householdId: 'h1', householdRelation: 'child' }],
      ]),
    };
    expect(nearRelativePairs(['a', 'b', 'c', 'd'], facts)).toEqual([
      ['a', 'b'],
      ['a', 'c'],
    ]);
  });
});
