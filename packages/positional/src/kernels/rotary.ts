/** The rotary kernel, dispatched to the active backend (js is the reference). */
import { defineKernel } from '@xf/tensor';
import { rotaryGpu } from './rotary-gpu.js';
import { rotaryJs } from './rotary-js.js';

export const rotaryKernel = defineKernel('rotary', { js: rotaryJs, gpu: rotaryGpu });
