export { Module, type LoadResult } from './module.js';
export { Parameter } from './parameter.js';
export { ModuleList, Sequential } from './containers.js';
export { Linear, Embedding, Dropout } from './layers.js';
export * as init from './init.js';
export * as functional from './functional.js';
