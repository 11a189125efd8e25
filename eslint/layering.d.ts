// Types for the test that imports the layering rule's config block.
import type { Linter } from 'eslint';

export declare const layeringConfig: Linter.Config[];
