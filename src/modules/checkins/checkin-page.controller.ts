import { Body, Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Access } from '@common/access/access.decorator';
import { Permission } from '@common/access/permission';
import type { RequestContext } from '@common/access/request-context';
import { Ctx } from '@modules/access/request-context.decorator';
import { CheckinPageService } from './checkin-page.service';
import { CHECKIN_PAGE_CSP } from './checkin-page';

const HTML = 'text/html; charset=utf-8';

/**
 * The person's side of a one-time link. Not in the OpenAPI document: it is a page, not an API,
 * and every answer is one of a few fixed pages with status 200.
 */
@ApiExcludeController()
@Controller('c')
export class CheckinPageController {
  constructor(private readonly links: CheckinPageService) {}

  @Get(':token')
  @Access(Permission.Public)
  @Header('content-type', HTML)
  @Header('content-security-policy', CHECKIN_PAGE_CSP)
  @Header('cache-control', 'no-store')
  @Header('referrer-policy', 'no-referrer')
  @Header('x-robots-tag', 'noindex, nofollow')
  form(@Param('token') token: string): Promise<string> {
    return this.links.form(token);
  }

  @Post(':token')
  @HttpCode(200)
  @Access(Permission.Public)
  @Header('content-type', HTML)
  @Header('content-security-policy', CHECKIN_PAGE_CSP)
  @Header('cache-control', 'no-store')
  @Header('referrer-policy', 'no-referrer')
  @Header('x-robots-tag', 'noindex, nofollow')
  submit(@Ctx() ctx: RequestContext, @Param('token') token: string, @Body() body: unknown): Promise<string> {
    return this.links.submit(ctx, token, body);
  }
}
