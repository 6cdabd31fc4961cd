/**
 * The @nestjs/swagger compiler plugin as a ts-jest AST transformer, so the OpenAPI document the tests fetch
 * describes every DTO property (types, enums, lengths from class-validator) exactly as the built API does.
 */
const plugin = require('@nestjs/swagger/plugin');

module.exports = {
  name: 'nestjs-swagger-plugin',
  version: 1,
  factory: (compiler) =>
    plugin.before({ classValidatorShim: true, introspectComments: false }, compiler.program),
};
