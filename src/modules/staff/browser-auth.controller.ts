import { Body, Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiCookieAuth, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Access } from '@common/access/access.decorator';
import { Permission } from '@common/access/permission';
import type { RequestContext } from '@common/access/request-context';
import { BrowserRequestGuard, isTls } from '@infra/http/browser-request.guard';
import { BROWSER_SESSION_PATH, clearedRefreshCookie, CSRF_HEADER, readCookie, REFRESH_COOKIE, refreshCookie } from '@infra/http/browser-session';
import { ApiProblemResponses } from '@infra/http/problem.view';
import { Ctx } from '@modules/access/request-context.decorator';
import { AuthService, type IssuedTokens } from './auth.service';
import { LoginDto } from './dto/auth.dto';
import { BrowserSessionView } from './dto/browser-session.view';

/**
 * Sign-in for the staff console in a browser. The refresh token is set as an HttpOnly,
 * SameSite=Strict cookie scoped to these routes (Secure over TLS) and never appears in a body;
 * the access token comes back in the body only. Every route here needs `X-Corridor-CSRF: 1` and,
 * where the browser sends them, a same-origin `Origin` and `Sec-Fetch-Site`.
 */
@ApiTags('auth')
@ApiHeader({ name: CSRF_HEADER, required: true, description: 'Must be `1` (CSRF defence).', schema: { type: 'string', enum: ['1'] } })
@ApiProblemResponses(403)
@UseGuards(BrowserRequestGuard)
@Controller(BROWSER_SESSION_PATH.slice(1))
export class BrowserAuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @Access(Permission.Public)
  @ApiOperation({ summary: 'Sign in from a browser: the refresh token is set as an HttpOnly cookie, the access token is in the answer' })
  @ApiOkResponse({
    type: BrowserSessionView,
    headers: {
      'set-cookie': {
        description: `${REFRESH_COOKIE}=…; Path=${BROWSER_SESSION_PATH}; HttpOnly; SameSite=Strict (; Secure over TLS)`,
        schema: { type: 'string' },
      },
    },
  })
  @ApiProblemResponses(400, 401, 429)
  async login(
    @Ctx() ctx: RequestContext,
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BrowserSessionView> {
    return this.handOver(await this.auth.login(ctx, body), request, reply);
  }

  @Post('refresh')
  @HttpCode(200)
  @Access(Permission.Public)
  @ApiCookieAuth(REFRESH_COOKIE)
  @ApiOperation({ summary: 'New access token from the refresh cookie (rotated on every use; a spent one ends the session and clears the cookie)' })
  @ApiOkResponse({ type: BrowserSessionView })
  @ApiProblemResponses(401, 429)
  async refresh(@Ctx() ctx: RequestContext, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<BrowserSessionView> {
    try {
      return this.handOver(await this.auth.refresh(ctx, readCookie(request.headers.cookie, REFRESH_COOKIE) ?? ''), request, reply);
    } catch (error) {
      void reply.header('set-cookie', clearedRefreshCookie(isTls(request)));
      throw error;
    }
  }

  @Post('logout')
  @HttpCode(204)
  @Access(Permission.Public)
  @ApiCookieAuth(REFRESH_COOKIE)
  @ApiOperation({ summary: "End the refresh cookie's session and clear the cookie (no bearer needed: the page may have reloaded)" })
  @ApiNoContentResponse({ description: 'The session is ended (if the cookie named one) and the cookie cleared.' })
  async logout(@Ctx() ctx: RequestContext, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.logoutByRefreshToken(ctx, readCookie(request.headers.cookie, REFRESH_COOKIE));
    void reply.header('set-cookie', clearedRefreshCookie(isTls(request)));
  }

  private handOver(tokens: IssuedTokens, request: FastifyRequest, reply: FastifyReply): BrowserSessionView {
    void reply.header('set-cookie', refreshCookie(tokens.refreshToken, { secure: isTls(request) }));
    return {
      tokenType: tokens.tokenType,
      accessToken: tokens.accessToken,
      accessTokenExpiresAt: tokens.accessTokenExpiresAt,
      sessionExpiresAt: tokens.sessionExpiresAt,
    };
  }
}
