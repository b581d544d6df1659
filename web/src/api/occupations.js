// /occupations: the 2022 occupational classification; q matches a code prefix or a name. Public.
import { http } from './http'

export const listOccupations = ({ q, in_catalog, page, page_size } = {}, opts) =>
  http.get('/occupations', { q, in_catalog, page, page_size }, opts)
