export { ModuleList, Sequential } from './containers.js';
export * as functional from './functional.js';
export * as init from './init.js';
export { Dropout, Embedding, Linear } from './layers.js';
export { type LoadResult, Module } from './module.js';
export { Parameter } from './parameter.js';
