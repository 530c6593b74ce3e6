import { compareNames } from './compare.js';
import { nameForms } from './normalise.js';

/** Similarity of two free names in [0, 1], symmetric in intent (used by the name benchmark and ad-hoc checks). */
export const scoreNames = (a: string, b: string): number => compareNames(nameForms(a), nameForms(b)).score;
