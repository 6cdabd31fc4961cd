import { IsInt, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { BadRequestException } from '@nestjs/common';
import { createValidationPipe } from './validation';

class Child {
  @IsInt()
  count!: number;
}

class Parent {
  @IsString()
  @MaxLength(5)
  name!: string;

  @ValidateNested()
  @Type(() => Child)
  child!: Child;
}

describe('validation pipe', () => {
  const pipe = createValidationPipe();
  const validate = (value: unknown) => pipe.transform(value, { type: 'body', metatype: Parent });

  it('names each bad field, including nested ones and unknown ones', async () => {
    const error: BadRequestException = await validate({
      name: 'far too long',
      child: { count: 'x' },
      extra: 1,
    }).catch((caught: BadRequestException) => caught);
    expect(error).toBeInstanceOf(BadRequestException);
    const body = error.getResponse() as { errors: { field: string; message: string }[] };
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { field: 'name', message: 'name must be shorter than or equal to 5 characters' },
        { field: 'child.count', message: 'count must be an integer number' },
        { field: 'extra', message: 'extra is not an allowed field' },
      ]),
    );
  });

  it('passes a good body through as a class instance', async () => {
    const result = await validate({ name: 'ok', child: { count: 2 } });
    expect(result).toBeInstanceOf(Parent);
  });
});
